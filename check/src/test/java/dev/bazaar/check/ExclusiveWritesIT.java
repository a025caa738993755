package dev.bazaar.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign 6's multi-step writes on a service written on the spot: a's handlers write to b and c, in exclusive branches
 * (if/else, switch cases, an early return, one service method choosing) or one after the other (in sequence, or in a
 * loop that may take both arms). Only the second kind is a write in several steps.
 */
class ExclusiveWritesIT {

    @TempDir
    Path repo;

    @Test
    void writesInExclusiveBranchesAreNotStepsWritesInSequenceAre() throws IOException {
        write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId>"
                + "<version>1</version><packaging>pom</packaging><modules><module>a</module><module>b</module>"
                + "<module>c</module></modules></project>");
        for (String m : List.of("a", "b", "c")) {
            write(m + "/pom.xml", "<project><modelVersion>4.0.0</modelVersion><parent><groupId>x</groupId>"
                    + "<artifactId>shop</artifactId><version>1</version></parent><artifactId>" + m + "</artifactId>"
                    + "<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins>"
                    + "</build></project>");
        }
        write("a/src/main/java/a/AController.java", """
                package a;
                @RestController
                class AController {
                    private final RestTemplate rest = new RestTemplate();
                    private final Accounts accounts;
                    AController(Accounts accounts) { this.accounts = accounts; }

                    @PostMapping("/login")
                    String login(String client) {
                        if ("admin".equals(client)) {
                            return rest.postForObject("http://b/login", client, String.class);
                        } else if ("member".equals(client)) {
                            return rest.postForObject("http://c/login", client, String.class);
                        } else {
                            return "unknown client";
                        }
                    }

                    @PostMapping("/early")
                    void early(boolean admin) {
                        if (admin) {
                            rest.put("http://b/sessions", "x");
                            return;
                        }
                        rest.put("http://c/sessions", "x");
                    }

                    @PostMapping("/switched")
                    void switched(String kind) {
                        switch (kind) {
                            case "b":
                                rest.delete("http://b/carts");
                                break;
                            default:
                                rest.delete("http://c/carts");
                        }
                    }

                    @PostMapping("/chosen")
                    void chosen(boolean admin) { accounts.open(admin); }

                    @PostMapping("/order")
                    void order() {
                        rest.postForObject("http://b/orders", "x", String.class);
                        rest.put("http://c/stock", "x");
                    }

                    @PostMapping("/fallthrough")
                    void fallthrough(int step) {
                        switch (step) {
                            case 1:
                                rest.delete("http://b/steps");
                            case 2:
                                rest.delete("http://c/steps");
                                break;
                        }
                    }

                    @PostMapping("/each")
                    void each(List<Boolean> admins) {
                        for (boolean admin : admins) {
                            if (admin) {
                                rest.put("http://b/each", "x");
                            } else {
                                rest.put("http://c/each", "x");
                            }
                        }
                    }
                }
                """);
        write("a/src/main/java/a/Accounts.java", """
                package a;
                @Service
                class Accounts {
                    private final RestTemplate rest = new RestTemplate();
                    void open(boolean admin) {
                        if (admin) {
                            toB();
                        } else {
                            rest.postForObject("http://c/accounts", "x", String.class);
                        }
                    }
                    private void toB() { rest.postForObject("http://b/accounts", "x", String.class); }
                }
                """);

        RemoteCalls calls = RemoteCalls.of(Build.read(repo).orElseThrow());
        assertThat(calls.entryPoints()).extracting(e -> e.handler() + " " + e.remoteWrites().size() + "/"
                + e.writesTogether().size()).containsExactlyInAnyOrder("AController.login 2/1", "AController.early 2/1",
                "AController.switched 2/1", "AController.chosen 2/1", "AController.order 2/2",
                "AController.fallthrough 2/2", "AController.each 2/2");

        SignResult sign = TransactionsSpanningServices.analyse(calls);
        assertThat(sign.verdict()).isEqualTo(Verdict.PRESENT);
        assertThat(sign.summary()).isEqualTo("a AController.order writes to b, c in 2 steps, no compensation; "
                + "a AController.fallthrough writes to b, c in 2 steps, no compensation; "
                + "a AController.each writes to b, c in 2 steps, no compensation");
        assertThat(sign.evidence()).extracting(Evidence::text)
                .contains("a AController.login: 2 remote writes in exclusive branches, at most 1 per call: "
                        + "not a multi-step write")
                .anyMatch(t -> t.startsWith("a AController.early: 2 remote writes in exclusive branches"))
                .anyMatch(t -> t.startsWith("a AController.switched: 2 remote writes in exclusive branches"))
                .anyMatch(t -> t.startsWith("a AController.chosen: 2 remote writes in exclusive branches"));
    }

    @Test
    void onlyExclusiveWritesAreClearAndSaySo() throws IOException {
        write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop</artifactId>"
                + "<version>1</version><packaging>pom</packaging><modules><module>a</module><module>b</module>"
                + "<module>c</module></modules></project>");
        for (String m : List.of("a", "b", "c")) {
            write(m + "/pom.xml", "<project><modelVersion>4.0.0</modelVersion><parent><groupId>x</groupId>"
                    + "<artifactId>shop</artifactId><version>1</version></parent><artifactId>" + m + "</artifactId>"
                    + "<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins>"
                    + "</build></project>");
        }
        // mall-swarm's mall-auth login, in short: one Feign client or the other, by the client's id.
        write("a/src/main/java/a/AuthController.java", """
                package a;
                @Controller
                class AuthController {
                    @Autowired private AdminClient admins;
                    @Autowired private MemberClient members;
                    @RequestMapping(value = "/login", method = RequestMethod.POST)
                    @ResponseBody
                    String login(String clientId, String user) {
                        if ("admin-app".equals(clientId)) {
                            return admins.login(user);
                        } else if ("portal-app".equals(clientId)) {
                            return members.login(user);
                        } else {
                            return "bad client";
                        }
                    }
                }
                """);
        write("a/src/main/java/a/AdminClient.java", """
                package a;
                @FeignClient("b")
                interface AdminClient { @PostMapping("/admin/login") String login(String user); }
                """);
        write("a/src/main/java/a/MemberClient.java", """
                package a;
                @FeignClient("c")
                interface MemberClient { @PostMapping("/sso/login") String login(String user); }
                """);

        SignResult sign = TransactionsSpanningServices.analyse(Build.read(repo).orElseThrow());
        assertThat(sign.verdict()).isEqualTo(Verdict.CLEAR);
        assertThat(sign.summary()).endsWith("no handler makes 2+ remote writes in one call "
                + "(1 with writes in exclusive branches)");
        assertThat(sign.evidence()).anySatisfy(e -> {
            assertThat(e.location()).isEqualTo("a/src/main/java/a/AuthController.java:8");
            assertThat(e.text()).isEqualTo("a AuthController.login: 2 remote writes in exclusive branches, at most 1 "
                    + "per call: not a multi-step write");
        });
    }

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

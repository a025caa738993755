package dev.bazaar.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Small Maven builds with a git history, written on the spot with JGit: services a, b, c and a library lib. */
final class GitRepos implements AutoCloseable {

    private final Path dir;
    private final Git git;
    private Instant time = Instant.parse("2024-01-01T10:00:00Z");

    private GitRepos(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** A build of services a, b, c and a library lib in {@code dir}, committed once (the root commit). */
    static GitRepos shop(Path dir) throws IOException, GitAPIException {
        GitRepos repo = new GitRepos(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        repo.write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>shop"
                + "</artifactId><version>1</version><packaging>pom</packaging><modules><module>a</module>"
                + "<module>b</module><module>c</module><module>lib</module></modules></project>");
        for (String module : new String[] {"a", "b", "c", "lib"}) {
            repo.write(module + "/pom.xml", "<project><modelVersion>4.0.0</modelVersion><parent><groupId>x</groupId>"
                    + "<artifactId>shop</artifactId><version>1</version></parent><artifactId>" + module
                    + "</artifactId>" + (module.equals("lib") ? "" : "<build><plugins><plugin><artifactId>"
                    + "spring-boot-maven-plugin</artifactId></plugin></plugins></build>") + "</project>");
        }
        repo.commit("the shop");
        return repo;
    }

    Path dir() {
        return dir;
    }

    GitRepos write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return this;
    }

    /**
     * Appends a line of code of its own to a file of each given module, then commits it all: a feature changes each
     * service in its own way (the same line in each would be the same edit, a technical sweep).
     */
    GitRepos change(String subject, String... modules) throws IOException, GitAPIException {
        for (String module : modules) {
            Path file = dir.resolve(module + "/src/main/java/Code.java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, (Files.exists(file) ? Files.readString(file) : "") + module + "("
                    + Integer.toHexString((module + subject).hashCode()) + ");\n");
        }
        return commit(subject);
    }

    GitRepos commit(String subject) throws GitAPIException {
        time = time.plusSeconds(3600);
        PersonIdent who = new PersonIdent("Dev", "dev@example.com", time, ZoneOffset.UTC);
        git.add().addFilepattern(".").call();
        git.commit().setMessage(subject).setAuthor(who).setCommitter(who).setSign(false).call();
        return this;
    }

    @Override
    public void close() {
        git.close();
    }
}

package dev.bazaar.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A Maven build written into a temporary directory, one line per dependency so that evidence lines mean something. */
final class WrittenBuild {

    private final Path root;

    WrittenBuild(Path root) {
        this.root = root;
    }

    /** The root aggregator {@code x:shop} and its modules. */
    WrittenBuild root(String... modules) {
        return write("pom.xml", "<project>\n<modelVersion>4.0.0</modelVersion>\n<groupId>x</groupId>\n"
                + "<artifactId>shop</artifactId>\n<version>1</version>\n<packaging>pom</packaging>\n<modules>\n"
                + Arrays.stream(modules).map(m -> "<module>" + m + "</module>\n").collect(Collectors.joining())
                + "</modules>\n</project>\n");
    }

    /** A service: it builds an executable jar with spring-boot-maven-plugin. */
    WrittenBuild service(String artifactId, String... dependencies) {
        return module(artifactId, true, dependencies);
    }

    WrittenBuild library(String artifactId, String... dependencies) {
        return module(artifactId, false, dependencies);
    }

    /** A module of the build; a dependency is {@code [group:]artifact[:scope]}, group x when none is given. */
    private WrittenBuild module(String artifactId, boolean service, String... dependencies) {
        StringBuilder deps = new StringBuilder();
        for (String d : dependencies) {
            String[] p = d.split(":");
            String group = p.length >= 2 && p[0].contains(".") ? p[0] : "x";
            String artifact = p.length >= 2 && p[0].contains(".") ? p[1] : p[0];
            String scope = p[p.length - 1].equals("test") ? "<scope>test</scope>" : "";
            deps.append("<dependency><groupId>").append(group).append("</groupId><artifactId>").append(artifact)
                    .append("</artifactId>").append(scope).append("</dependency>\n");
        }
        return write(artifactId + "/pom.xml", "<project>\n<modelVersion>4.0.0</modelVersion>\n<parent><groupId>x"
                + "</groupId><artifactId>shop</artifactId><version>1</version></parent>\n<artifactId>" + artifactId
                + "</artifactId>\n<dependencies>\n" + deps + "</dependencies>\n"
                + (service ? "<build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin>"
                + "</plugins></build>\n" : "") + "</project>\n");
    }

    WrittenBuild write(String path, String text) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Build read() {
        return Build.read(root).orElseThrow();
    }
}

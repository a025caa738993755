package dev.bazaar.platform.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem document (RFC 9457) written straight to a response, for the layers that answer before Spring MVC does:
 * the servlet filters that refuse a request and Tomcat's own error reports.
 */
final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TYPE_BASE = "https://bazaar.dev/problems/";

    private ProblemResponses() {
    }

    static byte[] body(int status, String type, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return JSON.writeValueAsBytes(problem);
    }

    /** For a status the platform does not name itself: its reason phrase as title, in lower case as type. */
    static byte[] body(int status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return body(status, title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), title,
                detail == null ? title : detail, instance);
    }

    static void write(jakarta.servlet.http.HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}

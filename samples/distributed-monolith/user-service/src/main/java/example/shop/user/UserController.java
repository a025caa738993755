package example.shop.user;

import example.shop.domain.User;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads users from the shared {@code users} table. */
@RestController
class UserController {

    private final JdbcClient jdbc;

    UserController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/users/{id}")
    User user(@PathVariable long id) {
        return jdbc.sql("select id, name, email from users where id = :id")
                .param("id", id)
                .query(User.class)
                .optional()
                .orElseThrow(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no user " + id);
                    problem.setTitle("Unknown user");
                    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
                });
    }
}

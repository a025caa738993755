package example.shop.domain;

/** A row of the shared {@code users} table. */
public record User(long id, String name, String email) {
}

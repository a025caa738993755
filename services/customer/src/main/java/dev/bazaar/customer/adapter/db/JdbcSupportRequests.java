package dev.bazaar.customer.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.support.Author;
import dev.bazaar.customer.support.SupportMessage;
import dev.bazaar.customer.support.SupportRequest;
import dev.bazaar.customer.support.SupportRequestId;
import dev.bazaar.customer.support.SupportRequestSummary;
import dev.bazaar.customer.support.SupportRequests;
import dev.bazaar.customer.support.SupportStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSupportRequests implements SupportRequests {

    private static final String SUMMARY = """
            select r.id, r.customer_id, r.order_id, r.subject, r.status, r.opened_at, r.updated_at,
                   (select count(*) from support_message m where m.request_id = r.id) as messages,
                   (select m.author from support_message m where m.request_id = r.id order by m.seq desc limit 1) as last_author
            from support_request r
            """;

    private final JdbcClient jdbc;

    JdbcSupportRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SupportRequest> find(SupportRequestId id) {
        return jdbc.sql("select * from support_request where id = ?").param(id.value()).query(this::request).optional();
    }

    @Override
    public Optional<SupportRequest> findForUpdate(SupportRequestId id) {
        return jdbc.sql("select * from support_request where id = ? for update").param(id.value()).query(this::request).optional();
    }

    @Override
    public Optional<SupportRequest> findByIdempotencyKey(CustomerId customerId, String idempotencyKey) {
        return jdbc.sql("select * from support_request where customer_id = ? and idempotency_key = ?")
                .param(customerId.value()).param(idempotencyKey).query(this::request).optional();
    }

    @Override
    public void add(SupportRequest request, String idempotencyKey) {
        jdbc.sql("""
                insert into support_request (id, customer_id, order_id, subject, status, closed_by, idempotency_key, opened_at, updated_at)
                values (:id, :customerId, :orderId, :subject, :status, :closedBy, :idempotencyKey, :openedAt, :updatedAt)""")
                .param("id", request.id().value())
                .param("customerId", request.customerId().value())
                .param("orderId", request.orderId())
                .param("subject", request.subject())
                .param("status", request.status().name())
                .param("closedBy", request.closedBy() == null ? null : request.closedBy().name())
                .param("idempotencyKey", idempotencyKey)
                .param("openedAt", Timestamp.from(request.openedAt()))
                .param("updatedAt", Timestamp.from(request.updatedAt()))
                .update();
        List<SupportMessage> messages = request.messages();
        for (int seq = 0; seq < messages.size(); seq++) {
            insert(request.id(), seq, messages.get(seq));
        }
    }

    @Override
    public void addMessage(SupportRequest request, SupportMessage message) {
        update(request);
        insert(request.id(), request.messages().size() - 1, message);
    }

    @Override
    public void update(SupportRequest request) {
        jdbc.sql("update support_request set status = :status, closed_by = :closedBy, updated_at = :updatedAt where id = :id")
                .param("id", request.id().value())
                .param("status", request.status().name())
                .param("closedBy", request.closedBy() == null ? null : request.closedBy().name())
                .param("updatedAt", Timestamp.from(request.updatedAt()))
                .update();
    }

    @Override
    public List<SupportRequestSummary> ofCustomer(CustomerId customerId, long offset, int limit) {
        return jdbc.sql(SUMMARY + " where r.customer_id = :customerId order by r.updated_at desc, r.id offset :offset limit :limit")
                .param("customerId", customerId.value())
                .param("offset", offset)
                .param("limit", limit)
                .query(this::summary).list();
    }

    @Override
    public long countOfCustomer(CustomerId customerId) {
        return jdbc.sql("select count(*) from support_request where customer_id = ?").param(customerId.value()).query(Long.class).single();
    }

    @Override
    public List<SupportRequestSummary> all(Optional<SupportStatus> status, long offset, int limit) {
        return jdbc.sql(SUMMARY + """
                 where (cast(:status as text) is null or r.status = :status)
                order by r.updated_at, r.id offset :offset limit :limit""")
                .param("status", status.map(Enum::name).orElse(null))
                .param("offset", offset)
                .param("limit", limit)
                .query(this::summary).list();
    }

    @Override
    public long count(Optional<SupportStatus> status) {
        return jdbc.sql("select count(*) from support_request where (cast(:status as text) is null or status = :status)")
                .param("status", status.map(Enum::name).orElse(null))
                .query(Long.class).single();
    }

    private void insert(SupportRequestId id, int seq, SupportMessage message) {
        jdbc.sql("insert into support_message (request_id, seq, author, text, written_at) values (:id, :seq, :author, :text, :writtenAt)")
                .param("id", id.value())
                .param("seq", seq)
                .param("author", message.author().name())
                .param("text", message.text())
                .param("writtenAt", Timestamp.from(message.writtenAt()))
                .update();
    }

    private SupportRequest request(ResultSet rs, int row) throws SQLException {
        SupportRequestId id = new SupportRequestId(rs.getObject("id", UUID.class));
        List<SupportMessage> messages = jdbc.sql("select author, text, written_at from support_message where request_id = ? order by seq")
                .param(id.value())
                .query((m, n) -> new SupportMessage(Author.valueOf(m.getString("author")), m.getString("text"),
                        m.getTimestamp("written_at").toInstant()))
                .list();
        String closedBy = rs.getString("closed_by");
        return SupportRequest.restore(id, new CustomerId(rs.getObject("customer_id", UUID.class)), rs.getObject("order_id", UUID.class),
                rs.getString("subject"), SupportStatus.valueOf(rs.getString("status")), rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), closedBy == null ? null : Author.valueOf(closedBy), messages);
    }

    private SupportRequestSummary summary(ResultSet rs, int row) throws SQLException {
        return new SupportRequestSummary(new SupportRequestId(rs.getObject("id", UUID.class)),
                new CustomerId(rs.getObject("customer_id", UUID.class)), rs.getObject("order_id", UUID.class), rs.getString("subject"),
                SupportStatus.valueOf(rs.getString("status")), rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getInt("messages"), Author.valueOf(rs.getString("last_author")));
    }
}

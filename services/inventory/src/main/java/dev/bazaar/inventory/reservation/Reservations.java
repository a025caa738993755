package dev.bazaar.inventory.reservation;

import java.util.List;
import java.util.Optional;

/** Where reservations are kept. */
public interface Reservations {

    Optional<Reservation> find(OrderId orderId);

    /** Finds the order's reservation and locks it until the transaction ends. */
    Optional<Reservation> findForUpdate(OrderId orderId);

    /**
     * A page of reservations by order id (PostgreSQL's uuid order), optionally only those of one status.
     *
     * @param after   only reservations of orders with a greater id; null for no such bound
     * @param through only reservations of orders with this id or a smaller one; null for no such bound
     */
    List<Reservation> list(Optional<ReservationStatus> status, OrderId after, OrderId through, long offset, int limit);

    long count(Optional<ReservationStatus> status);

    void add(Reservation reservation);

    /** Records a change of status; the lines of a reservation never change. */
    void update(Reservation reservation);

    /**
     * Remembers an order that inventory holds nothing for and never will: its stock was rejected, or it was cancelled
     * before its placement arrived. A placement announced (again) after that reserves nothing.
     */
    void close(OrderId orderId, String why);

    /**
     * Why the order is known here already, if it is: it has a reservation, or it was closed (and why). One question
     * rather than two, as every placement asks it.
     */
    Optional<String> knownAlready(OrderId orderId);
}

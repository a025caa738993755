package dev.bazaar.inventory.reservation;

import java.util.Optional;

/** Where reservations are kept. */
public interface Reservations {

    Optional<Reservation> find(OrderId orderId);

    /** Finds the order's reservation and locks it until the transaction ends. */
    Optional<Reservation> findForUpdate(OrderId orderId);

    void add(Reservation reservation);

    /** Records a change of status; the lines of a reservation never change. */
    void update(Reservation reservation);
}

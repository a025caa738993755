/** Work ordering does on a clock: cancelling overdue orders, forgetting old Idempotency-Keys. */
package dev.bazaar.ordering.adapter.schedule;

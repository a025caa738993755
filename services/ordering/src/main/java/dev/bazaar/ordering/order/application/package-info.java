/** Use cases of ordering: placing an order and moving it through the saga, each change and its event in one transaction. */
package dev.bazaar.ordering.order.application;

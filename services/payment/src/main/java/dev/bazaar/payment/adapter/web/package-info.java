/** The payment HTTP API under /api/payments. */
package dev.bazaar.payment.adapter.web;

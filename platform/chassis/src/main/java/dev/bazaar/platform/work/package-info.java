/** Background work the chassis supervises: loops that survive their failures and say when they cannot run. */
package dev.bazaar.platform.work;

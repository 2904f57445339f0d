package io.flightdeck.sandbox.store;

import java.util.List;

/**
 * One page of a list: the items, the resourceVersion the list was read at, the continue token for the next page
 * ("" on the last) and how many items remain after this page (-1 when unknown). Immutable.
 */
public record ListResult(List<Stored> items, long resourceVersion, String continueToken, long remaining) {
}

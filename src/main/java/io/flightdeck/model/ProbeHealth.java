package io.flightdeck.model;

/** What is known of one probe of one pod: not configured, not yet run or not applicable, passing, or failing. */
public enum ProbeHealth { NONE, PENDING, PASSING, FAILING }

package io.flightdeck.model;

/** The three container probes. */
public enum ProbeKind { STARTUP, READINESS, LIVENESS }

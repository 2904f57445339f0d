package io.flightdeck.sandbox.server;

/** Chooses the response printer: plain JSON, or server-side Tables when asked. */
final class Printers {

    private Printers() {
    }

    static Printer create() {
        return Printer.JSON;
    }
}

package io.flightdeck.ui.workloads;

/** What the connection banner says and how it is marked. Immutable. */
public record Banner(Tone tone, String text) {

    /** Each tone has a colour and an icon shape of its own, and names its CSS style class. */
    public enum Tone {
        OK("banner-ok"), INFO("banner-info"), WARN("banner-warn"), DANGER("banner-danger");

        private final String styleClass;

        Tone(String styleClass) {
            this.styleClass = styleClass;
        }

        public String styleClass() {
            return styleClass;
        }
    }
}

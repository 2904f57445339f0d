package io.flightdeck.ui.workloads;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The connection banner: an icon and one line in the colour of its tone. Binds to its view model. FX thread. */
public final class ConnectionBannerView {

    public static final String TEXT_ID = "connection-banner-text";

    private final ConnectionBannerViewModel model;

    public ConnectionBannerView(ConnectionBannerViewModel model) {
        this.model = model;
    }

    public Node build() {
        StatusMark mark = new StatusMark();
        Label text = new Label();
        text.setId(TEXT_ID);
        text.getStyleClass().add("banner-text");
        text.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(640);
        text.setTooltip(tip);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox box = new HBox(mark, text);
        box.setId("connection-banner");
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("connection-banner");
        Runnable show = () -> {
            Banner banner = model.bannerProperty().get();
            text.setText(banner.text());
            tip.setText(banner.text());
            mark.showBanner(banner.tone());
            for (Banner.Tone tone : Banner.Tone.values()) {
                box.getStyleClass().remove(tone.styleClass());
            }
            box.getStyleClass().add(banner.tone().styleClass());
        };
        show.run();
        model.bannerProperty().addListener((obs, old, now) -> show.run());
        return box;
    }
}

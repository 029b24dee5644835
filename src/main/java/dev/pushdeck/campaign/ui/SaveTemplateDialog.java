package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.Template;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.shared.ui.Feedback;
import org.jspecify.annotations.Nullable;

/**
 * Saves the composer's wording as a reusable template under a name the person gives (the
 * campaign's name is offered). A template holds one wording, so with an A/B test on it keeps the
 * version the composer shows, and says so: what is saved is what the person is looking at. A
 * refusal, such as a name the team uses already, is shown on the name field and the dialog stays
 * open, so nothing typed is lost.
 */
final class SaveTemplateDialog extends Dialog {

    final TextField templateName = new TextField();
    /** Which A/B test version's wording is saved; shown only while the composer has a test. */
    final Paragraph version = new Paragraph();
    final Button save = new Button();

    /**
     * @param rawPayload the whole payload in expert mode, else null
     * @param versionShown the letter of the A/B test version {@code wording} is, or null without a test
     */
    SaveTemplateDialog(TemplateService templates, String suggestedName, Notification wording,
                       @Nullable String rawPayload, @Nullable String versionShown) {
        setHeaderTitle(getTranslation("composer.template.save"));
        templateName.setLabel(getTranslation("composer.template.name"));
        templateName.setValue(suggestedName);
        templateName.setWidthFull();
        version.addClassName("dialog-hint");
        version.setText(versionShown == null ? "" : getTranslation("composer.template.version", versionShown));
        version.setVisible(versionShown != null);
        VerticalLayout fields = new VerticalLayout(templateName, version);
        fields.setPadding(false);
        // A fixed width, so the sentence wraps rather than widening the dialog past a phone's screen.
        fields.setWidth("min(22em, 75vw)");
        add(fields);
        save.setText(getTranslation("action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> {
            try {
                Template saved = templates.save(templateName.getValue(), wording, rawPayload);
                close();
                Feedback.success(getTranslation("composer.template.saved", saved.name()));
            } catch (RuntimeException refused) {
                templateName.setInvalid(true);
                templateName.setErrorMessage(Feedback.describe(refused, getLocale()));
            }
        });
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), save);
    }
}

package dev.pushdeck.campaign.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import dev.pushdeck.campaign.Notification;
import dev.pushdeck.campaign.Template;
import dev.pushdeck.campaign.TemplateService;
import dev.pushdeck.shared.ui.Feedback;
import org.jspecify.annotations.Nullable;

/**
 * Saves the composer's wording as a reusable template under a name the person gives (the
 * campaign's name is offered). A refusal, such as a name the team uses already, is shown on the
 * name field and the dialog stays open, so nothing typed is lost.
 */
final class SaveTemplateDialog extends Dialog {

    final TextField templateName = new TextField();
    final Button save = new Button();

    /**
     * @param rawPayload the whole payload in expert mode, else null
     */
    SaveTemplateDialog(TemplateService templates, String suggestedName, Notification wording,
                       @Nullable String rawPayload) {
        setHeaderTitle(getTranslation("composer.template.save"));
        templateName.setLabel(getTranslation("composer.template.name"));
        templateName.setValue(suggestedName);
        add(templateName);
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

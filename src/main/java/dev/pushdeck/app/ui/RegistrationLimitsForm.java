package dev.pushdeck.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.pushdeck.app.AppService;
import dev.pushdeck.app.PushApp;
import dev.pushdeck.app.RegistrationDefaults;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.ui.Feedback;
import java.text.NumberFormat;
import org.jspecify.annotations.Nullable;

/**
 * Admins: the app's own device-registration rates, per app key and per client address.
 * An empty field keeps the node-wide setting, which the placeholder shows.
 */
class RegistrationLimitsForm extends VerticalLayout {

    private final transient AppService apps;
    private final IntegerField keyRate = new IntegerField();
    private final IntegerField addressRate = new IntegerField();
    private PushApp app;

    RegistrationLimitsForm(AppService apps, RegistrationDefaults defaults, PushApp app) {
        this.apps = apps;
        this.app = app;
        setPadding(false);
        configure(keyRate, "registration.key-rate", defaults.keyRate(), app.registrationKeyRate());
        keyRate.setId("registration-key-rate");
        configure(addressRate, "registration.address-rate", defaults.addressRate(), app.registrationAddressRate());
        addressRate.setId("registration-address-rate");
        Button save = new Button(getTranslation("registration.save"), event -> save());
        save.setId("save-registration-rates");
        FormLayout form = new FormLayout(keyRate, addressRate);
        form.setMaxWidth("40rem");
        add(new H3(getTranslation("registration.title")), new Paragraph(getTranslation("registration.explained")),
                form, save);
    }

    private void configure(IntegerField field, String labelKey, double nodeDefault, @Nullable Integer value) {
        field.setLabel(getTranslation(labelKey));
        field.setMin(1);
        field.setMax(AppService.MAX_REGISTRATION_RATE);
        field.setStepButtonsVisible(false);
        String shown = NumberFormat.getIntegerInstance(getLocale()).format(nodeDefault);
        field.setPlaceholder(shown);
        field.setHelperText(getTranslation("registration.default", shown));
        field.setValue(value);
    }

    private boolean unreadable(IntegerField field) {
        return WholeNumberFields.refuseUnreadable(field,
                getTranslation("error.app.registration-rate", AppService.MAX_REGISTRATION_RATE));
    }

    private void save() {
        keyRate.setInvalid(false);
        addressRate.setInvalid(false);
        // Text that is not a whole number leaves the value empty: refuse it rather than store "node default".
        if (unreadable(keyRate) | unreadable(addressRate)) {
            return;
        }
        try {
            app = apps.setRegistrationRates(app.id(), keyRate.getValue(), addressRate.getValue());
            Feedback.success(getTranslation("registration.saved"));
        } catch (ValidationException e) {
            e.errors().forEach(error -> {
                IntegerField field = "keyRate".equals(error.field()) ? keyRate : addressRate;
                field.setInvalid(true);
                field.setErrorMessage(error.message(getLocale()));
            });
        }
    }
}

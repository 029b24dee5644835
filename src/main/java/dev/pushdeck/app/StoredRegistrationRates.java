package dev.pushdeck.app;

import dev.pushdeck.app.internal.AppRepository;
import dev.pushdeck.app.registration.AppRegistrationRates;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An app's registration rates as stored, with the installation's defaults where it has none. */
@Service
class StoredRegistrationRates implements AppRegistrationRates {

    private final AppRepository apps;
    private final RegistrationDefaults defaults;

    StoredRegistrationRates(AppRepository apps, RegistrationDefaults defaults) {
        this.apps = apps;
        this.defaults = defaults;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RegistrationRates> of(UUID tenantId, UUID appId) {
        return apps.find(tenantId, appId).map(app -> defaults.resolve(app.registrationKeyRate(),
                app.registrationAddressRate()));
    }
}

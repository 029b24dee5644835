package dev.pushdeck.app.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.pushdeck.app.Credential;
import dev.pushdeck.app.CredentialService;
import dev.pushdeck.app.CredentialUpload;
import dev.pushdeck.app.EnvironmentCoverage;
import dev.pushdeck.app.TopicMismatchException;
import dev.pushdeck.shared.error.PushdeckException;
import dev.pushdeck.shared.ui.Feedback;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An admin's upload of an app's credential: the file (a certificate or a token key), its
 * passphrase, the environments it serves and, for a token key, its key and team ids. A
 * certificate for another bundle's topics is stored only once the admin confirms it. The file
 * lives only in memory until it is sent to the service.
 */
final class CredentialUploadForm extends Div {

    private final transient CredentialService credentials;
    private final UUID appId;
    private final Runnable onUploaded;
    private final PasswordField passphrase = new PasswordField();
    private final Select<EnvironmentCoverage> environment = new Select<>();
    private final TextField keyId = new TextField();
    private final TextField teamId = new TextField();
    private final Span chosenFile = new Span();
    private byte @Nullable [] file;

    /** @param onUploaded called once a credential is stored, so the view shows it */
    CredentialUploadForm(CredentialService credentials, UUID appId, Runnable onUploaded) {
        this.credentials = credentials;
        this.appId = appId;
        this.onUploaded = onUploaded;
        H3 heading = new H3(getTranslation("credentials.upload.title"));
        Upload upload = new Upload(new CappedUpload());
        upload.setId("credential-upload");
        upload.setMaxFileSize(CredentialUpload.MAX_BYTES);
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes(".p12", ".pfx", ".pem", ".p8", ".cer", ".crt", ".key", ".txt");
        upload.setDropLabel(new Span(getTranslation("credentials.upload.hint")));
        chosenFile.addClassName("chosen-file");
        passphrase.setLabel(getTranslation("credentials.passphrase"));
        passphrase.setId("credential-passphrase");
        environment.setLabel(getTranslation("credentials.environment"));
        environment.setId("credential-environment");
        environment.setItems(EnvironmentCoverage.values());
        environment.setItemLabelGenerator(e -> getTranslation("env." + e.wire()));
        environment.setValue(EnvironmentCoverage.SANDBOX);
        keyId.setLabel(getTranslation("credentials.key-id"));
        keyId.setId("credential-key-id");
        keyId.setMaxLength(10);
        teamId.setLabel(getTranslation("credentials.team-id"));
        teamId.setId("credential-team-id");
        teamId.setMaxLength(10);
        Button send = new Button(getTranslation("credentials.upload.button"), event -> submit(false));
        send.setId("upload-credential");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout fields = new FormLayout(passphrase, environment, keyId, teamId);
        add(heading, upload, chosenFile, fields, send);
        addClassName("credential-upload");
    }

    /** Receives the chosen file (from the upload handler, or a test) and keeps it in memory. */
    void received(String fileName, byte[] bytes) {
        file = bytes;
        chosenFile.setText(getTranslation("credentials.upload.chosen", fileName, bytes.length));
    }

    private void submit(boolean confirmTopicMismatch) {
        byte[] chosen = file;
        if (chosen == null) {
            Feedback.error(getTranslation("error.credential.empty"));
            return;
        }
        CredentialUpload upload = new CredentialUpload(chosen, emptyToNull(passphrase.getValue()),
                environment.getValue() == null ? null : environment.getValue().wire(), emptyToNull(keyId.getValue()),
                emptyToNull(teamId.getValue()), confirmTopicMismatch);
        try {
            Credential stored = credentials.upload(appId, upload);
            file = null;
            chosenFile.setText("");
            passphrase.clear();
            Feedback.success(getTranslation("credentials.uploaded", stored.kind().name(),
                    getTranslation("env." + stored.environment().wire())));
            onUploaded.run();
        } catch (TopicMismatchException e) {
            confirmTopicMismatch(e);
        } catch (PushdeckException e) {
            Feedback.error(e.message(getLocale()));
        }
    }

    private void confirmTopicMismatch(TopicMismatchException mismatch) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("topic-mismatch");
        dialog.setHeader(getTranslation("credentials.topic.header"));
        dialog.setText(mismatch.message(getLocale()));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("action.cancel"));
        dialog.setConfirmText(getTranslation("credentials.topic.confirm"));
        dialog.addConfirmListener(event -> submit(true));
        dialog.open();
    }

    private static @Nullable String emptyToNull(@Nullable String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * Keeps at most 64 KB (+1 byte, to notice more) in memory; the service refuses anything
     * larger, and the servlet upload limit stops bigger requests before they are read.
     */
    private final class CappedUpload implements UploadHandler {

        @Override
        public void handleUploadRequest(UploadEvent event) throws IOException {
            byte[] bytes;
            try (InputStream in = event.getInputStream()) {
                bytes = in.readNBytes(CredentialUpload.MAX_BYTES + 1);
            }
            String name = event.getFileName();
            UI ui = event.getUI();
            ui.access(() -> received(name, bytes));
        }

        @Override
        public long getFileSizeMax() {
            return CredentialUpload.MAX_BYTES;
        }
    }
}

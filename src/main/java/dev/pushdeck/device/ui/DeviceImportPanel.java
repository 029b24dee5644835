package dev.pushdeck.device.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.pushdeck.device.ImportReport;
import dev.pushdeck.device.internal.ImportJobs;
import dev.pushdeck.shared.ui.Feedback;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A CSV import of devices running in the background: the upload button that starts one, and a
 * panel with its progress, then its counts and the rejected lines with their reasons. The
 * panel follows the person's latest import, so its progress survives leaving the page.
 */
final class DeviceImportPanel extends VerticalLayout {

    private final transient ImportJobs jobs;
    private final long maxImportBytes;
    private final Runnable onImported;
    private transient @Nullable Runnable stopListening;

    /** @param onImported called when an import finished, so the list shows its devices */
    DeviceImportPanel(ImportJobs jobs, long maxImportBytes, Runnable onImported) {
        this.jobs = jobs;
        this.maxImportBytes = maxImportBytes;
        this.onImported = onImported;
        setVisible(false);
        setPadding(false);
    }

    /** An upload button that imports a CSV file into the app's devices. */
    Component uploadButton(UUID appId) {
        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.toTempFile((metadata, file) -> ui.access(() -> {
            try {
                watch(jobs.start(appId, file.toPath(), metadata.fileName()));
            } catch (java.io.IOException | RuntimeException e) {
                file.delete();
                Feedback.error(e);
            }
        })));
        upload.setAcceptedFileTypes(".csv", "text/csv", "text/plain");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxImportBytes));
        upload.setDropAllowed(false);
        upload.setUploadButton(new Button(getTranslation("device.action.import"), VaadinIcon.UPLOAD.create()));
        upload.addFileRejectedListener(event -> Feedback.error(getTranslation("device.import.rejected-file")));
        return upload;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        jobs.latest().ifPresent(this::watch);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopWatching();
    }

    private void watch(ImportJobs.Job job) {
        stopWatching();
        UI ui = UI.getCurrent();
        showJob(job);
        stopListening = job.addListener(changed -> ui.access(() -> showJob(changed)));
    }

    private void stopWatching() {
        Runnable stop = stopListening;
        if (stop != null) {
            stop.run();
            stopListening = null;
        }
    }

    private void showJob(ImportJobs.Job job) {
        removeAll();
        setVisible(true);
        var progress = job.progress();
        add(new Span(getTranslation("device.import.job", job.fileName(), job.startedBy())));
        switch (job.state()) {
            case RUNNING -> {
                ProgressBar bar = new ProgressBar(0, 1, job.fraction());
                bar.setWidth("24rem");
                add(bar, new Span(getTranslation("device.import.counts", progress.rowsRead(),
                        progress.imported(), progress.updated(), progress.rejected())));
            }
            case DONE -> {
                showReport(job.report().orElseThrow());
                onImported.run();
            }
            case FAILED -> add(new Paragraph(job.failure()
                    .map(f -> Feedback.describe(f, getLocale())).orElse("")));
        }
    }

    private void showReport(ImportReport report) {
        add(new Span(getTranslation("device.import.done", report.imported(), report.updated(), report.rejected())));
        if (report.stoppedReason() != null) {
            add(new Paragraph(report.stoppedReason().message(getLocale())));
        }
        if (!report.errors().isEmpty()) {
            Grid<ImportReport.LineError> errors = new Grid<>();
            errors.addColumn(ImportReport.LineError::line).setHeader(getTranslation("device.import.line"))
                    .setAutoWidth(true).setFlexGrow(0);
            errors.addColumn(error -> error.message(getLocale())).setHeader(getTranslation("device.import.problem"));
            errors.setItems(report.errors());
            errors.setAllRowsVisible(report.errors().size() <= 10);
            errors.setHeight(report.errors().size() <= 10 ? null : "16rem");
            add(errors);
        }
    }
}

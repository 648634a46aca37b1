package com.example.files;

import dev.locket.Locket;
import dev.locket.application.hook.RecordRequestEvent;
import dev.locket.application.hook.UnsavedFile;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.TextField;
import java.util.List;

/**
 * PocketBase's classic upload example on Locket: a {@code files} collection with a 10 MB file field, and an
 * upload hook that looks at each file before anything is stored and turns away the ones over 10 MB.
 */
public final class FilesApp {
    static final long MAX_SIZE = 10L << 20;

    private FilesApp() {
    }

    public static void main(String[] args) {
        System.exit(create().start(args));
    }

    /** The app with its collection and upload hook; {@code start(args)} runs it ({@code serve}, ...). */
    public static Locket create() {
        Locket app = Locket.create();
        app.migrations().register("1733500000_create_files", a -> a.saveCollection(CollectionDraft.base("files")
                .field(new TextField(FieldMeta.named("title"), false, 0, 200, "", "", false))
                .field(new FileField(FieldMeta.named("document"), true, 1, MAX_SIZE, List.of(), List.of(), false))
                .listRule("").viewRule("").createRule("@request.auth.id != ''")),
                a -> a.deleteCollection("files"));
        app.onRecordCreateRequest("files").bind(e -> {
            checkUploads(e);
            e.next();
        });
        app.onRecordUpdateRequest("files").bind(e -> {
            checkUploads(e);
            e.next();
        });
        return app;
    }

    /** Runs before the record is validated and written: a throw answers the request with PocketBase's 400. */
    static void checkUploads(RecordRequestEvent e) {
        for (UnsavedFile file : e.unsavedFiles("document")) {
            System.out.printf("upload %s (%s, %d bytes, %s)%n", file.originalName(), file.name(), file.size(),
                    file.contentType());
            if (file.size() > MAX_SIZE) {
                throw ValidationFailed.of("Failed to upload the file.", "document", FieldError.of("file_too_large",
                        "The file " + file.originalName() + " is over 10 MB.", "maxSize", MAX_SIZE));
            }
        }
    }
}

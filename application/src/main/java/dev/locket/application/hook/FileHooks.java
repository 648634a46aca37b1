package dev.locket.application.hook;

/** The request hooks of the files API, tagged by collection. */
public final class FileHooks {
    private final Hook<FileDownloadRequestEvent> download = new Hook<>();
    private final Hook<FileTokenRequestEvent> token = new Hook<>();

    /** A file (or thumb) download: may change the served file and name, or veto. */
    public Hook<FileDownloadRequestEvent> onFileDownloadRequest() {
        return download;
    }

    public Hook.Tagged<FileDownloadRequestEvent> onFileDownloadRequest(String... collections) {
        return download.forCollections(collections);
    }

    /** {@code POST /api/files/token}: may change the token answered, or veto. */
    public Hook<FileTokenRequestEvent> onFileTokenRequest() {
        return token;
    }

    public Hook.Tagged<FileTokenRequestEvent> onFileTokenRequest(String... collections) {
        return token.forCollections(collections);
    }
}

package dev.locket.application.hook;

/**
 * The request hooks of the collections API. Untagged, as upstream's: every handler sees every collection.
 */
public final class CollectionRequestHooks {
    private final Hook<CollectionsListRequestEvent> list = new Hook<>();
    private final Hook<CollectionRequestEvent> view = new Hook<>();
    private final Hook<CollectionRequestEvent> create = new Hook<>();
    private final Hook<CollectionRequestEvent> update = new Hook<>();
    private final Hook<CollectionRequestEvent> delete = new Hook<>();
    private final Hook<CollectionsImportRequestEvent> importCollections = new Hook<>();

    /** {@code GET /api/collections}: may change the listed page. */
    public Hook<CollectionsListRequestEvent> onCollectionsListRequest() {
        return list;
    }

    /** {@code GET /api/collections/{collection}}: may change the collection shown. */
    public Hook<CollectionRequestEvent> onCollectionViewRequest() {
        return view;
    }

    /** {@code POST /api/collections}: may change the collection before it is validated and saved. */
    public Hook<CollectionRequestEvent> onCollectionCreateRequest() {
        return create;
    }

    /** {@code PATCH /api/collections/{collection}}: may change the updated collection before it is saved. */
    public Hook<CollectionRequestEvent> onCollectionUpdateRequest() {
        return update;
    }

    /** {@code DELETE /api/collections/{collection}}: may veto or replace the deletion. */
    public Hook<CollectionRequestEvent> onCollectionDeleteRequest() {
        return delete;
    }

    /** {@code PUT /api/collections/import}: may change the imported collections or {@code deleteMissing}. */
    public Hook<CollectionsImportRequestEvent> onCollectionsImportRequest() {
        return importCollections;
    }
}

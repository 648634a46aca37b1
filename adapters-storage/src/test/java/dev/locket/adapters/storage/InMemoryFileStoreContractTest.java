package dev.locket.adapters.storage;

import dev.locket.application.fake.InMemoryFileStore;
import dev.locket.application.port.out.FileStore;

/** The file-store contract the service tests' in-memory fake is held to, as the local and S3 stores are. */
class InMemoryFileStoreContractTest extends FileStoreContract {
    @Override
    protected FileStore store() {
        return new InMemoryFileStore();
    }
}

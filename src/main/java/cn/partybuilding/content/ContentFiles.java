package cn.partybuilding.content;

import java.io.ByteArrayInputStream;

import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.FileKinds;
import cn.partybuilding.shared.FileStore;

/**
 * Attachments of notices and news (报名表, 文件): PDF, Word, Excel and photos recognised by their bytes, kept in the
 * file store, added to the working version.
 */
@Component
class ContentFiles {

	private final ContentItems items;

	private final FileStore store;

	private final ContentSettings settings;

	ContentFiles(ContentItems items, FileStore store, ContentSettings settings) {
		this.items = items;
		this.store = store;
		this.settings = settings;
	}

	private long maxBytes() {
		return settings.maxAttachmentSize() * 1024L * 1024L;
	}

	ContentItems.Attachment attach(Caller caller, long itemId, String fileName, byte[] bytes) {
		items.view(caller, itemId);
		if (bytes == null || bytes.length == 0) {
			throw new FieldProblem("file", "content.attachment.empty");
		}
		if (bytes.length > maxBytes()) {
			throw new FieldProblem("file", "content.attachment.tooLarge", settings.maxAttachmentSize());
		}
		String type = FileKinds.of(bytes).orElseThrow(() -> new FieldProblem("file", "content.attachment.type"));
		String name = FileKinds.fileName(fileName, "附件");
		FileStore.StoredFile stored = store.putUnchecked("content", new ByteArrayInputStream(bytes), type);
		ContentItems.Attachment attachment = new ContentItems.Attachment(stored.key(), name, stored.size(), type);
		try {
			items.attach(caller, itemId, attachment);
		}
		catch (RuntimeException refused) {
			store.delete(stored.key());
			throw refused;
		}
		return attachment;
	}

	Resource open(ContentItems.Attachment attachment) {
		return store.open(attachment.key());
	}
}

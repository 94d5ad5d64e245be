package cn.partybuilding.development;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * The paperwork of a file as downloads: a step's document, all of them, a batch, the file as PDF. Each is
 * scoped like the file and audited (they hold personal data).
 */
@Component
class DevelopmentDownloads {

	record Download(String name, String fallback, String type, byte[] bytes) {
	}

	private final DevelopmentPeople people;

	private final DevelopmentDocuments documents;

	private final DevelopmentEvidence evidence;

	private final ApplicationEventPublisher events;

	DevelopmentDownloads(DevelopmentPeople people, DevelopmentDocuments documents, DevelopmentEvidence evidence,
			ApplicationEventPublisher events) {
		this.people = people;
		this.documents = documents;
		this.evidence = evidence;
		this.events = events;
	}

	Download document(Caller caller, long id, int step) {
		DocumentFacts facts = people.facts(caller, id);
		byte[] bytes = documents.document(facts, step)
			.orElseThrow(() -> new OutOfScopeException("development-document", id + "/" + step));
		exported(facts, "第 " + step + " 步文书");
		return new Download(documents.fileName(facts, step), "document.docx", DevelopmentTemplates.DOCX, bytes);
	}

	Download documents(Caller caller, long id) {
		DocumentFacts facts = people.facts(caller, id);
		exported(facts, "全部文书");
		return new Download(facts.name() + "-发展党员文书.zip", "documents.zip", "application/zip", documents.zip(facts));
	}

	Download batch(Caller caller, List<Long> ids) {
		List<DocumentFacts> all = ids.stream().distinct().limit(500).map(id -> people.facts(caller, id)).toList();
		all.forEach(f -> exported(f, "批量文书"));
		return new Download("发展党员文书.zip", "documents.zip", "application/zip", documents.zipBatch(all));
	}

	Download filePdf(Caller caller, long id) {
		DocumentFacts facts = people.facts(caller, id);
		List<String> attachments = evidence.list(caller, id).stream()
			.map(e -> "第 " + e.step() + " 步：" + e.fileName())
			.toList();
		exported(facts, "档案 PDF");
		return new Download(facts.name() + "-发展党员档案.pdf", "file.pdf", "application/pdf",
				documents.filePdf(facts, attachments));
	}

	private void exported(DocumentFacts facts, String what) {
		events.publishEvent(new DevelopmentFileExported(facts.id(), "导出 " + facts.name() + " 的" + what));
	}
}

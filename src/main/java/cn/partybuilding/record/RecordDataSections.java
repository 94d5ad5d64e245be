package cn.partybuilding.record;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.PersonalDataSection;
import cn.partybuilding.shared.PersonalDataSections;
import cn.partybuilding.shared.PlatformZone;

/** 我的数据: the member's 纪实, every entry, newest first. */
@Component
class RecordDataSections implements PersonalDataSections {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private final RecordEntries entries;

	RecordDataSections(RecordEntries entries) {
		this.entries = entries;
	}

	@Override
	@Transactional(readOnly = true)
	public List<PersonalDataSection> sectionsFor(long memberId) {
		return List.of(new PersonalDataSection("privacy.section.record",
				List.of("privacy.col.time", "privacy.col.item", "privacy.col.detail", "privacy.col.actor"),
				entries.findByMember(memberId).stream().map(RecordEntry::view)
					.map(e -> List.of(WHEN.format(e.occurredAt()), e.title(), e.detail() == null ? "" : e.detail(),
							e.actor() == null ? "" : e.actor()))
					.toList()));
	}
}

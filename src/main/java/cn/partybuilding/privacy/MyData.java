package cn.partybuilding.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberView;
import cn.partybuilding.shared.AuditableEvent;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PersonalDataSection;
import cn.partybuilding.shared.PersonalDataSections;

/**
 * 我的数据 (个人信息保护法 §45): everything the platform holds about the signed-in member, gathered from the modules
 * that keep it (each through its own {@link PersonalDataSections}), with who looked at it and the member's
 * correction requests. Only ever for the caller themselves; the ID-card number and phone stay masked here as
 * everywhere, and each download is audited.
 */
@Service
@Transactional(readOnly = true)
class MyData {

	/** The JSON download's file name. */
	static final String JSON_FILE = "我的数据.json";

	/** How many looks the page, the JSON and the PDF list (the newest). */
	static final int ACCESS_SHOWN = 500;

	/** A section with its headings in the reader's language. */
	record Section(String title, List<String> columns, List<List<String>> rows) {
	}

	/** Everything, as the JSON download gives it. */
	record Everything(long memberId, Instant generatedAt, Map<String, Object> profile, List<Section> sections,
			List<DataAccessLog.Access> dataAccess, List<Corrections.DataCorrection> corrections) {
	}

	/** A member downloaded their own data. */
	record OwnDataDownloaded(long memberId, String format) implements AuditableEvent {

		@Override
		public String action() {
			return "privacy.download";
		}

		@Override
		public String entityType() {
			return "member";
		}

		@Override
		public String entityId() {
			return Long.toString(memberId);
		}

		@Override
		public String summary() {
			return "下载本人数据（" + format + "）";
		}
	}

	private final MemberDirectory members;

	private final List<PersonalDataSections> sources;

	private final DataAccessLog accessLog;

	private final Corrections corrections;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MyData(MemberDirectory members, List<PersonalDataSections> sources, DataAccessLog accessLog, Corrections corrections,
			MessageSource messages, ApplicationEventPublisher events, Clock clock) {
		this.members = members;
		this.sources = sources;
		this.accessLog = accessLog;
		this.corrections = corrections;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	/** Who looked at the caller's data (404 when the account is no member's). */
	List<DataAccessLog.Access> access(Caller caller) {
		return accessLog.of(members.mine(caller).id(), ACCESS_SHOWN);
	}

	Everything of(Caller caller, Locale locale) {
		MemberView me = members.mine(caller);
		List<Section> sections = new ArrayList<>();
		for (PersonalDataSections source : sources) {
			for (PersonalDataSection s : source.sectionsFor(me.id())) {
				sections.add(new Section(text(s.title(), locale), s.columns().stream().map(c -> text(c, locale)).toList(),
						s.rows()));
			}
		}
		return new Everything(me.id(), clock.instant(), profile(me, locale), sections, accessLog.of(me.id(), ACCESS_SHOWN),
				corrections.mine(caller));
	}

	/** The download is recorded in the audit log (a write, so not in the read-only transaction). */
	@Transactional
	void downloaded(Everything data, String format) {
		events.publishEvent(new OwnDataDownloaded(data.memberId(), format));
	}

	/** The profile as label → value, in the reader's language, masked as shown everywhere. */
	private Map<String, Object> profile(MemberView m, Locale locale) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put(text("member.name", locale), m.name());
		p.put(text("member.gender", locale), text("member.gender." + m.gender(), locale));
		p.put(text("member.ethnicity", locale), m.ethnicity());
		p.put(text("member.birthDate", locale), m.birthDate());
		p.put(text("member.idCard", locale), m.idCard());
		p.put(text("member.phone", locale), m.phone() == null ? "" : m.phone());
		p.put(text("member.nativePlace", locale), m.nativePlace() == null ? "" : m.nativePlace());
		p.put(text("member.education", locale), text("member.education." + m.education(), locale));
		p.put(text("member.category", locale), text("member.category." + m.category(), locale));
		p.put(text("member.staffNumber", locale), m.staffNumber());
		p.put(text("member.organization", locale), m.organizationName());
		p.put(text("member.status", locale), text("member.status." + m.status(), locale));
		p.put(text("member.joinDate", locale), String.valueOf(m.joinDate()));
		p.put(text("member.conversionDate", locale), m.conversionDate() == null ? "" : m.conversionDate().toString());
		if (m.graduationYear() != null) {
			p.put(text("member.graduationYear", locale), m.graduationYear().toString());
		}
		return p;
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}

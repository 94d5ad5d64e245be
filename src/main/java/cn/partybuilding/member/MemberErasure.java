package cn.partybuilding.member;

import java.time.LocalDate;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retention: the ID-card number and phone of members who departed (their letter's 回执 came back) before a day are
 * erased — the encrypted values and their look-up hashes gone, the masked column saying so. What the party's
 * archives need stays: name, gender, ethnicity, birth date, native place, education, category, 学号/工号, the
 * organisation, 入党 and 转正 dates, the departure day, the 纪实 and the transfers with their letter numbers.
 * Idempotent: a member erased once is never touched again. Each erasure is audited.
 */
@Component
class MemberErasure {

	/** What the masked ID-card number says after erasure. */
	static final String ERASED = "已删除";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	MemberErasure(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** One batch of at most {@code limit} members departed before {@code cutoff}; returns how many were erased. */
	@Transactional
	int eraseDepartedBefore(LocalDate cutoff, int limit) {
		record Erased(long id, String name, LocalDate departedOn) {
		}
		List<Erased> erased = jdbc.sql("""
				update member set id_card_encrypted = null, id_card_hash = null, id_card_masked = :erased,
				    phone_encrypted = null, phone_hash = null, phone_masked = null, sensitive_erased_at = now(),
				    version = version + 1
				where id in (select id from member where departed_on < :cutoff and sensitive_erased_at is null
				             order by id limit :limit for update skip locked)
				returning id, name, departed_on""")
			.param("erased", ERASED)
			.param("cutoff", cutoff)
			.param("limit", limit)
			.query(Erased.class)
			.list();
		erased.forEach(e -> events.publishEvent(new MemberSensitiveDataErased(e.id(),
				"删除离校党员的身份证号和手机号（保存期满）：" + e.name() + "，组织关系转出于 " + e.departedOn())));
		return erased.size();
	}
}

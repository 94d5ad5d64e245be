package cn.partybuilding.member;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.partybuilding.shared.PlatformZone;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * 预备期超期 per organisation, kept for one day (V131): the database keeps the counts on every write to the members;
 * this job moves them to a new day when the day changes (a count again, once a day). Until it has, readers count the
 * members themselves ({@link MembersInScopeImpl#probationOverdueByOrganization}), so the 待办 is never a day behind.
 */
@Component
class ProbationOverdueCounts {

	private static final Logger log = LoggerFactory.getLogger(ProbationOverdueCounts.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ProbationOverdueCounts(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/**
	 * 预备期超期: 预备党员 who joined before this day (today less two years: the 预备期 of a year and its longest
	 * extension of a year) wait for the branch to decide on their 转正 or its cancellation — the day before which
	 * {@link MemberRules#probationOverdue} holds. On 29 February two years back has no 29th: whoever joined on the
	 * 28th is past two years on the 29th, so the day is 1 March.
	 */
	static LocalDate overdueIfJoinedBefore(LocalDate today) {
		LocalDate twoYearsBack = today.minusYears(2);
		return twoYearsBack.getDayOfMonth() == today.getDayOfMonth() ? twoYearsBack : twoYearsBack.plusDays(1);
	}

	/** The rule in SQL for a member row {@code m}, joined before {@code :before} ({@link #overdueIfJoinedBefore}). */
	static final String OVERDUE = "m.departed_on is null and m.status = 'PROBATIONARY' and m.join_date < :before";

	/** Every hour (a new day is taken up within the hour after midnight, and after a start): cheap when nothing moved. */
	@Scheduled(cron = "${party.member.probation-overdue-cron:0 1 * * * *}", zone = PlatformZone.NAME)
	@SchedulerLock(name = "member-probation-overdue", lockAtLeastFor = "${party.scheduling.lock-at-least-for:30s}")
	void keepToday() {
		LocalDate day = overdueIfJoinedBefore(LocalDate.now(clock));
		if (moveTo(day)) {
			log.info("预备期超期 counted again for members who joined before {}", day);
		}
	}

	/** Counts again for members who joined before this day, unless the kept counts are already for it. */
	boolean moveTo(LocalDate joinedBefore) {
		return Boolean.TRUE.equals(transactions.execute(status -> {
			// the row lock first: writers to the members wait for it (their trigger shares it), so none is missed
			int moved = jdbc.sql("update member_probation_overdue_day set joined_before = :day where joined_before <> :day")
				.param("day", joinedBefore).update();
			if (moved == 0) {
				return false;
			}
			jdbc.sql("delete from member_probation_overdue").update();
			jdbc.sql("""
					insert into member_probation_overdue (organization_id, members)
					select m.organization_id, count(*) from member m where %s group by m.organization_id"""
				.formatted(OVERDUE)).param("before", joinedBefore).update();
			return true;
		}));
	}
}

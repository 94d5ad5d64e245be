package cn.partybuilding.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.exam.ExamOnFile;
import cn.partybuilding.exam.ExamRecords;
import cn.partybuilding.exam.PaperQuestion;
import cn.partybuilding.member.MemberAccount;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * 线上测试 for the demo university: the school's bank of ~330 questions (党章, 党史, 支部工作条例, 发展党员, 党费 —
 * written for the demo), branch1's 支部工作条例 quiz that everyone of the branch has taken and that closes two
 * minutes after the platform starts (then member1's answers and the explanations are shown), the school's 党史党章
 * knowledge contest open all this week with some of the 计算机学院 already through it, and the college's test for
 * its activists, which applicant1 has passed (see their development file).
 */
@Component
class ExamDemo {

	static final String BANK = "/demo/exam-questions.tsv";

	private final ExamRecords exams;

	private final AccountManagement accounts;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	ExamDemo(ExamRecords exams, AccountManagement accounts, MemberDirectory members, OrganizationScope scope) {
		this.exams = exams;
		this.accounts = accounts;
		this.members = members;
		this.scope = scope;
	}

	void seed(Map<String, Long> ids, Instant now) {
		Caller admin = accounts.callerFor("admin");
		try (InputStream in = ExamDemo.class.getResourceAsStream(BANK)) {
			exams.loadBank(admin, ids.get("SFDX"), in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		Keys keys = Keys.read();
		long member1 = accounts.callerFor("member1").accountId();

		long quiz = exams.set(accounts.callerFor("branch1"), new ExamOnFile("《支部工作条例》应知应会小测",
				"支部学习《中国共产党支部工作条例（试行）》后的小测，20 题，15 分钟。", ids.get("JSJ-1"), false,
				List.of(rule("SINGLE", "支部工作条例", 8, 5), rule("TRUE_FALSE", "支部工作条例", 6, 5),
						rule("FILL", "支部工作条例", 3, 5), rule("MULTIPLE", "支部工作条例", 3, 5)),
				now.minus(Duration.ofDays(3)), now.plus(Duration.ofMinutes(2)), 15, 1, new BigDecimal("60"), true,
				2026_1201L));
		SplittableRandom random = new SplittableRandom(2026_17);
		for (MemberAccount m : members.accountsIn(scope.subtree(ids.get("JSJ-1")))) {
			double skill = m.accountId() == member1 ? 0.85 : 0.45 + random.nextDouble() * 0.55;
			exams.take(person(m), quiz, keys.answering(skill, random), true);
		}

		LocalDate today = LocalDate.ofInstant(now, PlatformZone.ZONE);
		LocalDate sunday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		if (sunday.isBefore(today.plusDays(2))) {
			sunday = sunday.plusWeeks(1);
		}
		long contest = exams.set(admin, new ExamOnFile("示范大学党史党章知识竞赛",
				"全校党员参加，35 题，20 分钟，及格 60 分，本周日 22:00 截止；通过计入学习积分和党员纪实。", ids.get("SFDX"), false,
				List.of(new ExamOnFile.Rule("SINGLE", List.of("党史", "党章"), 3, 20, new BigDecimal("3")),
						new ExamOnFile.Rule("TRUE_FALSE", List.of("党史", "党章"), 3, 10, new BigDecimal("2")),
						new ExamOnFile.Rule("MULTIPLE", List.of("党史", "党章"), null, 5, new BigDecimal("4"))),
				today.minusDays(1).atStartOfDay(PlatformZone.ZONE).toInstant(),
				sunday.atTime(22, 0).atZone(PlatformZone.ZONE).toInstant(), 20, 1, new BigDecimal("60"), true, 2026_1202L));
		int taken = 0;
		for (MemberAccount m : members.accountsIn(scope.subtree(ids.get("JSJ")))) {
			if (m.accountId() != member1 && random.nextInt(3) == 0 && taken++ < 40) {
				exams.take(person(m), contest, keys.answering(0.5 + random.nextDouble() * 0.5, random), true);
			}
		}

		long training = exams.set(accounts.callerFor("college1"), new ExamOnFile("入党积极分子培训结业测试",
				"计算机学院入党积极分子培训班结业测试，成绩记入发展档案。", ids.get("JSJ"), true,
				List.of(new ExamOnFile.Rule("SINGLE", List.of("发展党员", "党章"), null, 10, new BigDecimal("5")),
						new ExamOnFile.Rule("TRUE_FALSE", List.of("发展党员", "党章"), null, 10, new BigDecimal("3")),
						new ExamOnFile.Rule("MULTIPLE", List.of("发展党员", "党章"), null, 4, new BigDecimal("5"))),
				now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(12)), 30, 2, new BigDecimal("60"), false,
				2026_1203L));
		exams.take(accounts.callerFor("applicant1"), training, keys.answering(0.9, random), true);
	}

	private static ExamOnFile.Rule rule(String type, String tag, int count, int score) {
		return new ExamOnFile.Rule(type, List.of(tag), null, count, BigDecimal.valueOf(score));
	}

	/** A demo member acting for themselves (their account, at their branch). */
	private static Caller person(MemberAccount m) {
		return new Caller(m.accountId(), "member-" + m.memberId(), m.name(),
				List.of(new Caller.Grant(Role.MEMBER, m.organizationId())));
	}

	/** The bank's keys by question text: the demo's people answer from them, right as often as their skill. */
	private record Keys(Map<String, String[]> rows) {

		static Keys read() {
			Map<String, String[]> rows = new HashMap<>();
			try (BufferedReader in = new BufferedReader(new InputStreamReader(ExamDemo.class.getResourceAsStream(BANK),
					StandardCharsets.UTF_8))) {
				in.readLine();
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					String[] cells = line.split("\t", -1);
					rows.put(cells[1].strip(), cells);
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return new Keys(rows);
		}

		java.util.function.Function<PaperQuestion, Object> answering(double skill, SplittableRandom random) {
			return q -> {
				String[] row = rows.get(q.text());
				if (row == null) {
					return null;
				}
				boolean right = random.nextDouble() < skill;
				String key = row[8].strip();
				return switch (q.type()) {
					case "SINGLE" -> right ? shown(q, row, key.charAt(0)) : wrongLetter(q, shown(q, row, key.charAt(0)), random);
					case "MULTIPLE" -> {
						List<String> letters = new ArrayList<>();
						for (char c : key.toCharArray()) {
							letters.add(shown(q, row, c));
						}
						if (!right && letters.size() > 1) {
							letters.remove(letters.size() - 1);
						}
						yield letters;
					}
					case "TRUE_FALSE" -> right == key.equals("正确");
					case "FILL" -> right ? Arrays.stream(key.split("；")).map(g -> g.split("\\|")[0]).toList()
							: List.of("不清楚");
					default -> right ? key : "学习不够深入，还需加强。";
				};
			};
		}

		/** The letter a person sees for the bank's option {@code letter}, after their shuffle. */
		private static String shown(PaperQuestion q, String[] row, char letter) {
			String text = row[2 + (letter - 'A')].strip();
			return String.valueOf((char) ('A' + Math.max(0, q.options().indexOf(text))));
		}

		private static String wrongLetter(PaperQuestion q, String right, SplittableRandom random) {
			int other = (right.charAt(0) - 'A' + 1 + random.nextInt(Math.max(1, q.options().size() - 1)))
					% q.options().size();
			return String.valueOf((char) ('A' + other));
		}
	}
}

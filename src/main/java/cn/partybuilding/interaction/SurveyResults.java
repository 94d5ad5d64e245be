package cn.partybuilding.interaction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.Downloads;
import cn.partybuilding.shared.PlatformZone;

/**
 * A survey's results (counts per option, ratings, the texts), its answer rate per organisation of the audience and
 * its Excel export. Results are shown after the close, or while open when the survey or the setting says live; an
 * anonymous survey counts only its counted ballots (the held ones wait for enough company or for the close), and
 * its texts come in the ballots' random order. Only a named survey's export lists who answered what.
 */
@Service
@Transactional(readOnly = true)
class SurveyResults {

	record OptionCount(int index, String text, long count, Double share) {
	}

	record QuestionResult(int index, SurveyQuestion.Type type, String text, boolean required, long answers,
			List<OptionCount> options, Double average, List<Long> ratings, List<String> texts) {
	}

	record Results(long id, String title, boolean anonymous, String state, Instant opensAt, Instant closesAt,
			boolean live, long answered, long counted, long held, List<QuestionResult> questions) {
	}

	record OrganizationRate(long orgId, String name, long audience, long answered, Double rate) {
	}

	record Rates(long surveyId, long audience, long answered, Double rate, List<OrganizationRate> organizations) {
	}

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(PlatformZone.ZONE);

	private final Surveys surveys;

	private final AnonymousBallots ballots;

	private final MemberDirectory members;

	private final OrganizationScope scope;

	private final SurveySettings settings;

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SurveyResults(Surveys surveys, AnonymousBallots ballots, MemberDirectory members, OrganizationScope scope,
			SurveySettings settings, JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
		this.surveys = surveys;
		this.ballots = ballots;
		this.members = members;
		this.scope = scope;
		this.settings = settings;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	boolean live(Surveys.Survey survey) {
		return survey.resultsLive() != null ? survey.resultsLive() : settings.resultsLive();
	}

	/** Whether the results may be read now: after the close, or while open when live. */
	boolean released(Surveys.Survey survey) {
		return "CLOSED".equals(survey.state(clock.instant())) || live(survey);
	}

	/** The results for a manager of the survey or a member of its audience; 409 while they are not released. */
	@Transactional
	Results of(Caller caller, long id) {
		Surveys.Survey survey = surveys.visible(caller, id);
		if (!released(survey)) {
			throw new ConflictProblem("closesAt", "interaction.survey.results.notYet");
		}
		surveys.sealIfClosed(id);
		return compute(survey);
	}

	private Results compute(Surveys.Survey survey) {
		BallotBox box = ballots.box(survey.boxId()).orElseThrow();
		List<List<SurveyAnswer>> sheets = new ArrayList<>();
		if (survey.anonymous()) {
			ballots.counted(survey.boxId()).forEach(c -> sheets.add(Surveys.answers(c)));
		}
		else {
			jdbc.queryForList("select answers::text from interaction_survey_response where survey_id = ?", String.class,
					survey.id()).forEach(c -> sheets.add(Surveys.answers(c)));
		}
		List<QuestionResult> questions = new ArrayList<>();
		for (int q = 0; q < survey.questions().size(); q++) {
			SurveyQuestion question = survey.questions().get(q);
			int index = q;
			List<SurveyAnswer> given = sheets.stream()
				.flatMap(s -> s.stream().filter(a -> a.question() == index))
				.toList();
			long answers = given.size();
			List<OptionCount> options = new ArrayList<>();
			Double average = null;
			List<Long> ratings = null;
			List<String> texts = null;
			switch (question.type()) {
				case SINGLE, MULTIPLE -> {
					long[] counts = new long[question.options().size()];
					given.forEach(a -> a.options().forEach(o -> {
						if (o >= 0 && o < counts.length) {
							counts[o]++;
						}
					}));
					for (int o = 0; o < counts.length; o++) {
						options.add(new OptionCount(o, question.options().get(o), counts[o],
								answers == 0 ? null : Math.round(1000.0 * counts[o] / answers) / 10.0));
					}
				}
				case RATING -> {
					Long[] counts = new Long[SurveyQuestion.MAX_RATING];
					java.util.Arrays.fill(counts, 0L);
					given.forEach(a -> counts[a.rating() - 1]++);
					ratings = List.of(counts);
					average = answers == 0 ? null
							: Math.round(100.0 * given.stream().mapToInt(SurveyAnswer::rating).average().orElse(0)) / 100.0;
				}
				case TEXT -> {
					List<String> all = new ArrayList<>(given.stream().map(SurveyAnswer::text).toList());
					if (!survey.anonymous()) {
						Collections.shuffle(all); // named texts are shown without names: nor in answer order
					}
					texts = all;
				}
			}
			questions.add(new QuestionResult(q, question.type(), question.text(), question.required(), answers, options,
					average, ratings, texts));
		}
		return new Results(survey.id(), survey.title(), survey.anonymous(), survey.state(clock.instant()),
				survey.opensAt(), survey.end(), live(survey), box.voters(), survey.anonymous() ? box.counted() : box.voters(),
				survey.anonymous() ? box.held() : 0, questions);
	}

	/**
	 * Who in the audience answered, per organisation (a branch, or a 党小组 under it): counted from the ballot box's
	 * voter table and the member directory's account counts, both from indexes. Managers only.
	 */
	Rates rates(Caller caller, long id) {
		Surveys.Survey survey = surveys.managed(caller, id);
		return rates(survey);
	}

	Rates rates(Surveys.Survey survey) {
		Set<Long> orgs = surveys.audienceOrganizations(survey.orgId(), survey.audience());
		Map<Long, Integer> audience = members.accountCountsIn(orgs);
		Map<Long, Integer> answered = ballots.votersPerOrganization(survey.boxId());
		Set<Long> shown = new java.util.HashSet<>(audience.keySet());
		answered.keySet().stream().filter(orgs::contains).forEach(shown::add);
		Map<Long, String> names = scope.qualifiedNames(shown);
		List<OrganizationRate> lines = shown.stream().map(o -> {
			long size = audience.getOrDefault(o, 0);
			long done = answered.getOrDefault(o, 0);
			return new OrganizationRate(o, names.getOrDefault(o, "#" + o), size, done, rate(done, size));
		}).sorted(Comparator.comparing(OrganizationRate::name)).toList();
		long size = lines.stream().mapToLong(OrganizationRate::audience).sum();
		long done = lines.stream().mapToLong(OrganizationRate::answered).sum();
		return new Rates(survey.id(), size, done, rate(done, size), lines);
	}

	private static Double rate(long done, long size) {
		return size == 0 ? null : Math.round(1000.0 * done / size) / 10.0;
	}

	/**
	 * The Excel of a survey for its managers: the overview, each question's counts, the answer rates, the texts; and
	 * for a named survey only, who answered what. Results must be released.
	 */
	@Transactional
	ResponseEntity<byte[]> export(Caller caller, long id) {
		Surveys.Survey survey = surveys.managed(caller, id);
		if (!released(survey)) {
			throw new ConflictProblem("closesAt", "interaction.survey.results.notYet");
		}
		surveys.sealIfClosed(id);
		Results results = compute(survey);
		Rates rates = rates(survey);
		try (var book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			List<List<Object>> overview = new ArrayList<>();
			overview.add(List.of("问卷", results.title()));
			overview.add(List.of("方式", results.anonymous() ? "匿名" : "实名"));
			overview.add(List.of("开始", TIME.format(results.opensAt())));
			overview.add(List.of("截止", TIME.format(results.closesAt())));
			overview.add(List.of("应答人数", rates.audience()));
			overview.add(List.of("作答人数", results.answered()));
			overview.add(List.of("作答率(%)", rates.rate() == null ? "" : rates.rate()));
			overview.add(List.of("已计入统计", results.counted()));
			Downloads.addSheet(book, "概况", List.of("项目", "数值"), overview);
			List<List<Object>> counts = new ArrayList<>();
			for (QuestionResult q : results.questions()) {
				switch (q.type()) {
					case SINGLE, MULTIPLE -> q.options().forEach(o -> counts.add(List.of(q.index() + 1,
							Downloads.cellText(q.text()), Downloads.cellText(o.text()), o.count(),
							o.share() == null ? "" : o.share())));
					case RATING -> {
						for (int r = 0; r < q.ratings().size(); r++) {
							counts.add(List.of(q.index() + 1, Downloads.cellText(q.text()), (r + 1) + " 分",
									q.ratings().get(r), ""));
						}
						counts.add(List.of(q.index() + 1, Downloads.cellText(q.text()), "平均分",
								q.average() == null ? "" : q.average(), ""));
					}
					case TEXT -> counts.add(List.of(q.index() + 1, Downloads.cellText(q.text()), "填写人数", q.answers(), ""));
				}
			}
			Downloads.addSheet(book, "统计", List.of("题号", "题目", "选项", "人数", "占比(%)"), counts);
			List<List<Object>> texts = new ArrayList<>();
			results.questions().stream().filter(q -> q.texts() != null)
				.forEach(q -> q.texts().forEach(t -> texts.add(List.of(q.index() + 1, Downloads.cellText(q.text()),
						Downloads.cellText(t)))));
			Downloads.addSheet(book, "文字回答", List.of("题号", "题目", "回答"), texts);
			List<List<Object>> rateRows = new ArrayList<>();
			rates.organizations().forEach(r -> rateRows.add(List.of(Downloads.cellText(r.name()), r.audience(),
					r.answered(), r.rate() == null ? "" : r.rate())));
			Downloads.addSheet(book, "作答率", List.of("党组织", "应答", "已答", "作答率(%)"), rateRows);
			if (!survey.anonymous()) {
				Downloads.addSheet(book, "作答明细", detailHeader(survey), details(survey));
			}
			book.write(out);
			events.publishEvent(new InteractionChanged("interaction.survey.export", "survey", id,
					survey.title() + (survey.anonymous() ? "（匿名，仅统计）" : "（实名，含作答明细）")));
			return ResponseEntity.ok()
				.header("Content-Disposition", Downloads.attachment("问卷结果-" + survey.title() + ".xlsx",
						"survey-results-" + id + ".xlsx"))
				.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
				.body(out.toByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<String> detailHeader(Surveys.Survey survey) {
		List<String> header = new ArrayList<>(List.of("党组织", "姓名", "作答时间"));
		for (int q = 0; q < survey.questions().size(); q++) {
			header.add((q + 1) + ". " + survey.questions().get(q).text());
		}
		return header;
	}

	private List<List<Object>> details(Surveys.Survey survey) {
		record Row(long accountId, Long orgId, String answers, Instant at) {
		}
		List<Row> rows = jdbc.query("""
				select account_id, org_id, answers::text, answered_at from interaction_survey_response
				where survey_id = ? order by answered_at""", (rs, n) -> new Row(rs.getLong(1), (Long) rs.getObject(2),
				rs.getString(3), rs.getTimestamp(4).toInstant()), survey.id());
		Map<Long, String> names = new HashMap<>();
		members.accountsIn(surveys.audienceOrganizations(survey.orgId(), survey.audience()))
			.forEach(m -> names.put(m.accountId(), m.name()));
		Map<Long, String> orgNames = scope.qualifiedNames(rows.stream().map(Row::orgId)
			.filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
		List<List<Object>> out = new ArrayList<>();
		for (Row r : rows) {
			List<Object> line = new ArrayList<>();
			line.add(r.orgId() == null ? "" : Downloads.cellText(orgNames.getOrDefault(r.orgId(), "")));
			line.add(Downloads.cellText(names.getOrDefault(r.accountId(), "#" + r.accountId())));
			line.add(TIME.format(r.at()));
			Map<Integer, SurveyAnswer> byQuestion = new HashMap<>();
			Surveys.answers(r.answers()).forEach(a -> byQuestion.put(a.question(), a));
			for (int q = 0; q < survey.questions().size(); q++) {
				SurveyAnswer a = byQuestion.get(q);
				SurveyQuestion question = survey.questions().get(q);
				line.add(a == null ? "" : Downloads.cellText(switch (question.type()) {
					case SINGLE, MULTIPLE -> a.options().stream().map(o -> question.options().get(o))
						.collect(Collectors.joining("；"));
					case RATING -> String.valueOf(a.rating());
					case TEXT -> a.text();
				}));
			}
			out.add(line);
		}
		return out;
	}
}

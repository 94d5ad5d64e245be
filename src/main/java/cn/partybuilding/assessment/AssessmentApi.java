package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.assessment.Indicator.AppliesTo;
import cn.partybuilding.assessment.IndicatorSystems.IndicatorForm;
import cn.partybuilding.assessment.Scoreboard.Standing;
import cn.partybuilding.assessment.Scoring.IndicatorScore;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;

/** JSON for 考核: the scores (ranking and one organisation with its drill-down) and the yearly indicator systems. */
@RestController
class AssessmentApi {

	/** Points and values as JSON numbers (the platform writes BigDecimal as text, for money). */
	record IndicatorView(String code, String name, String group, double score, double max, boolean automatic,
			String source, Double value, String state, boolean adjusted, String formula) {

		static IndicatorView of(IndicatorScore i) {
			return new IndicatorView(i.code(), i.name(), i.group(), i.score().doubleValue(), i.max().doubleValue(),
					i.automatic(), i.source(), number(i.value()), i.state(), i.adjusted(), i.formula());
		}
	}

	record ScoreView(long orgId, String orgName, String orgType, int rank, double total, int stars, String stage,
			Instant approvedAt, Double liveTotal, Integer liveStars, List<IndicatorView> indicators) {

		static ScoreView of(Standing s) {
			return new ScoreView(s.score().orgId(), s.score().orgName(), s.score().orgType(), s.rank(),
					s.score().total().doubleValue(), s.score().stars(), s.stage().name(), s.approvedAt(), number(s.liveTotal()),
					s.liveStars(), s.score().indicators().stream().map(IndicatorView::of).toList());
		}
	}

	static Double number(BigDecimal d) {
		return d == null ? null : d.doubleValue();
	}

	record BehindView(String text, String href, boolean ok) {
	}

	record DrilledIndicator(String code, String name, String group, double score, double max, boolean automatic,
			String source, Double value, String state, boolean adjusted, String formula, List<BehindView> behind) {
	}

	record DetailView(int year, long orgId, String orgName, String orgType, double total, int stars, String stage,
			Instant approvedAt, Double liveTotal, Integer liveStars, List<DrilledIndicator> indicators) {
	}

	record SystemLine(long id, int year, int version, String state, boolean scoresGeneralBranches, String publishedBy,
			Instant publishedAt) {
	}

	record IndicatorLine(String group, String code, String name, boolean automatic, double max, Double target,
			Double penalty, AppliesTo appliesTo, String description) {
	}

	record SystemView(long id, int year, int version, String state, boolean scoresGeneralBranches, String publishedBy,
			Instant publishedAt, double maxBranch, List<IndicatorLine> indicators) {

		static SystemView of(IndicatorSystem s) {
			return new SystemView(s.id(), s.year(), s.version(), s.state().name(), s.scoresGeneralBranches(), s.publishedBy(),
					s.publishedAt(), s.maxFor(OrgType.BRANCH).doubleValue(),
					s.indicators().stream().map(i -> new IndicatorLine(i.group(), i.code(), i.name(), i.automatic(),
							i.max().doubleValue(), number(i.target()), number(i.penalty()), i.appliesTo(), i.description()))
						.toList());
		}
	}

	record SystemsView(int year, SystemView published, SystemView draft, List<SystemLine> versions) {
	}

	record NewDraft(@NotNull Integer year) {
	}

	record Created(long id, int version) {
	}

	record IndicatorRequest(@Size(max = 100) String group, @Size(max = 80) String code, @Size(max = 200) String name,
			boolean automatic, BigDecimal max, BigDecimal target, BigDecimal penalty, AppliesTo appliesTo,
			@Size(max = 1000) String description) {
	}

	record SystemEdit(boolean scoresGeneralBranches, @NotNull @Size(max = 200) List<@Valid IndicatorRequest> indicators) {
	}

	record FigureView(String code, String name, String unit, String direction) {
	}

	private final Scoreboard scoreboard;

	private final IndicatorSystems systems;

	private final ScoreSheets sheets;

	private final MessageSource messages;

	private final RankingSettings settings;

	AssessmentApi(Scoreboard scoreboard, IndicatorSystems systems, ScoreSheets sheets, MessageSource messages,
			RankingSettings settings) {
		this.settings = settings;
		this.scoreboard = scoreboard;
		this.systems = systems;
		this.sheets = sheets;
		this.messages = messages;
	}

	static int yearOr(Integer year) {
		return year != null ? year : LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
	}

	/**
	 * The ranking of the assessed organisations in reach (below orgId when given), best first: the whole of it up to
	 * {@code party.assessment.ranking.api-limit} rows; a longer one, or one asked with {@code size} (1 to 500) or
	 * {@code after} (how many rows were read before), a page at a time — {@code X-Total-Count} the rows ranked,
	 * {@code X-Next-After} and a {@code Link rel=next} where the next page begins. Read from the kept ranking (a
	 * province's), {@code X-Data-As-Of} says when its figures were measured.
	 */
	@GetMapping("/api/v1/assessment/scores")
	ResponseEntity<List<ScoreView>> scores(@RequestParam(required = false) Integer year,
			@RequestParam(required = false) Long orgId, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) Integer after) {
		if (size != null && (size < 1 || size > 500)) {
			throw new FieldProblem("size", "assessment.scores.size");
		}
		if (after != null && after < 0) {
			throw new FieldProblem("after", "assessment.scores.after");
		}
		int y = yearOr(year);
		Scoreboard.Ranking ranking = scoreboard.ranking(Caller.require(), y, orgId, LocaleContextHolder.getLocale());
		List<Standing> all = ranking.standings();
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (ranking.asOf() != null) {
			response.header("X-Data-As-Of", ranking.asOf().toString());
		}
		if (size == null && after == null && all.size() <= settings.apiLimit()) {
			return response.body(scoreboard.withIndicators(ranking, all, y).stream().map(ScoreView::of).toList());
		}
		int from = Math.min(after == null ? 0 : after, all.size());
		int to = Math.min(all.size(), from + (size == null ? settings.apiLimit() : size));
		response.header("X-Total-Count", Integer.toString(all.size())).header("X-Total-Exact", "true");
		if (to < all.size()) {
			response.header("X-Next-After", Integer.toString(to)).header("Link", "<" + ServletUriComponentsBuilder
				.fromCurrentRequest().replaceQueryParam("after", to).build().toUriString() + ">; rel=\"next\"");
		}
		return response.body(scoreboard.withIndicators(ranking, all.subList(from, to), y).stream().map(ScoreView::of).toList());
	}

	@GetMapping("/api/v1/assessment/scores/export")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId) {
		return sheets.ranking(Caller.require(), yearOr(year), orgId, LocaleContextHolder.getLocale());
	}

	/** One organisation's score with what lies behind every automatic indicator. */
	@GetMapping("/api/v1/assessment/scores/{orgId}")
	DetailView score(@PathVariable long orgId, @RequestParam(required = false) Integer year) {
		int y = yearOr(year);
		Locale locale = LocaleContextHolder.getLocale();
		Standing s = scoreboard.standing(Caller.require(), y, orgId, locale);
		List<DrilledIndicator> drilled = scoreboard.drill(s, y).stream().map(d -> {
			IndicatorScore i = d.indicator();
			return new DrilledIndicator(i.code(), i.name(), i.group(), i.score().doubleValue(), i.max().doubleValue(),
					i.automatic(), i.source(), number(i.value()), i.state(), i.adjusted(), i.formula(), d.behind().stream()
						.map(b -> new BehindView(messages.getMessage(b.messageKey(), b.args().toArray(), b.messageKey(), locale),
								b.href(), b.ok()))
						.toList());
		}).toList();
		return new DetailView(y, s.score().orgId(), s.score().orgName(), s.score().orgType(), s.score().total().doubleValue(),
				s.score().stars(), s.stage().name(), s.approvedAt(), number(s.liveTotal()), s.liveStars(), drilled);
	}

	@GetMapping("/api/v1/assessment/systems")
	SystemsView systems(@RequestParam(required = false) Integer year) {
		int y = yearOr(year);
		IndicatorSystems.checkYear(y);
		requireReader();
		return new SystemsView(y, systems.published(y).map(SystemView::of).orElse(null),
				IndicatorSystems.manages(Caller.require()) ? systems.draft(y).map(SystemView::of).orElse(null) : null,
				systems.versions(y).stream().map(s -> new SystemLine(s.id(), s.year(), s.version(), s.state().name(),
						s.scoresGeneralBranches(), s.publishedBy(), s.publishedAt())).toList());
	}

	@GetMapping("/api/v1/assessment/systems/{id}")
	SystemView system(@PathVariable long id) {
		requireReader();
		IndicatorSystem s = systems.get(id);
		if (s.state() == IndicatorSystem.State.DRAFT && !IndicatorSystems.manages(Caller.require())) {
			throw new OutOfScopeException("assessment-system", id);
		}
		return SystemView.of(s);
	}

	/** A new draft for the year, copied from its published version, the latest earlier year, or the standard set. */
	@PostMapping("/api/v1/assessment/systems")
	@ResponseStatus(HttpStatus.CREATED)
	Created startDraft(@Valid @RequestBody NewDraft request) {
		long id = systems.startDraft(Caller.require(), request.year());
		return new Created(id, systems.get(id).version());
	}

	@PutMapping("/api/v1/assessment/systems/{id}")
	SystemView edit(@PathVariable long id, @Valid @RequestBody SystemEdit request) {
		systems.edit(Caller.require(), id, request.scoresGeneralBranches(), request.indicators().stream()
			.map(r -> new IndicatorForm(r.group(), r.code(), r.name(), r.automatic(), r.max(), r.target(), r.penalty(),
					r.appliesTo(), r.description()))
			.toList());
		return SystemView.of(systems.get(id));
	}

	@PostMapping("/api/v1/assessment/systems/{id}/publish")
	SystemView publish(@PathVariable long id) {
		systems.publish(Caller.require(), id);
		return SystemView.of(systems.get(id));
	}

	/** The figures the modules compute, for the editor of automatic indicators. */
	@GetMapping("/api/v1/assessment/figures")
	List<FigureView> figures() {
		requireReader();
		Locale locale = LocaleContextHolder.getLocale();
		return systems.figures().values().stream()
			.map(k -> new FigureView(k.code(), messages.getMessage(k.nameKey(), null, k.code(), locale), k.unit().name(),
					k.direction().name()))
			.sorted(Comparator.comparing(FigureView::code)).toList();
	}

	private static void requireReader() {
		if (!Scoreboard.reads(Caller.require())) {
			throw new NotPermittedException("assessment", "*", "read");
		}
	}
}

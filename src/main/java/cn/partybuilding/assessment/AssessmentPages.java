package cn.partybuilding.assessment;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.assessment.Indicator.AppliesTo;
import cn.partybuilding.assessment.IndicatorSystems.IndicatorForm;
import cn.partybuilding.assessment.Scoreboard.Drill;
import cn.partybuilding.assessment.Scoreboard.Standing;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.NotPermittedException;

/** 考核 pages: the ranking with its stars, one organisation's score with its sources, and the indicator system's editor. */
@Controller
class AssessmentPages {

	/** One row of the editor; {@code remove} drops it, a blank last row adds nothing; an unticked box is false. */
	record IndicatorRow(@Size(max = 100) String group, @Size(max = 80) String code, @Size(max = 200) String name,
			Boolean automatic, BigDecimal max, BigDecimal target, BigDecimal penalty, AppliesTo appliesTo,
			@Size(max = 1000) String description, Boolean remove) {

		IndicatorRow {
			automatic = Boolean.TRUE.equals(automatic);
			remove = Boolean.TRUE.equals(remove);
		}

		boolean blank() {
			return (code == null || code.isBlank()) && (name == null || name.isBlank());
		}
	}

	record SystemForm(Boolean scoresGeneralBranches, @Valid List<IndicatorRow> indicators) {

		SystemForm {
			scoresGeneralBranches = Boolean.TRUE.equals(scoresGeneralBranches);
			indicators = indicators == null ? List.of() : indicators;
		}
	}

	/** A row of the behind list with its text resolved. */
	record BehindLine(String text, String href, boolean ok) {
	}

	record DrillView(Drill drill, List<BehindLine> behind) {
	}

	private final Scoreboard scoreboard;

	private final IndicatorSystems systems;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final int rankingPageSize;

	AssessmentPages(Scoreboard scoreboard, IndicatorSystems systems, OrganizationTree tree, MessageSource messages,
			@Value("${party.assessment.ranking.page-size:100}") int rankingPageSize) {
		this.scoreboard = scoreboard;
		this.systems = systems;
		this.tree = tree;
		this.messages = messages;
		this.rankingPageSize = Math.max(1, rankingPageSize);
	}

	/**
	 * The ranking a page at a time ({@code party.assessment.ranking.page-size}, 100; {@code page} from 0): the stars
	 * are counted and the ranks numbered over the whole ranking, only the page's rows are rendered (a province's root
	 * ranks 23 000 organisations: one page of them all was megabytes of HTML held in memory at once). A page past the
	 * last shows the last.
	 */
	@GetMapping("/assessment")
	String ranking(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long orgId,
			@RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
		Caller caller = Caller.require();
		int y = AssessmentApi.yearOr(year);
		List<Standing> standings = scoreboard.ranking(caller, y, orgId, locale).standings();
		int[] stars = new int[6];
		standings.forEach(s -> stars[s.score().stars()]++);
		int pages = Math.max(1, (standings.size() + rankingPageSize - 1) / rankingPageSize);
		int shown = Math.min(Math.max(page, 0), pages - 1);
		model.addAttribute("year", y);
		model.addAttribute("orgId", orgId);
		model.addAttribute("standings", standings.subList(Math.min(shown * rankingPageSize, standings.size()),
				Math.min((shown + 1) * rankingPageSize, standings.size())));
		model.addAttribute("page", shown);
		model.addAttribute("pages", pages);
		model.addAttribute("ranked", standings.size());
		model.addAttribute("stars", stars);
		model.addAttribute("system", scoreboard.system(y).orElse(null));
		model.addAttribute("manages", IndicatorSystems.manages(caller));
		model.addAttribute("organizations", tree.chooser(caller, orgId,
				EnumSet.of(OrgType.COMMITTEE, OrgType.GENERAL_BRANCH), Scoreboard.READERS));
		return "assessment/ranking";
	}

	@GetMapping("/assessment/orgs/{orgId}")
	String score(@PathVariable long orgId, @RequestParam(required = false) Integer year, Model model, Locale locale) {
		int y = AssessmentApi.yearOr(year);
		Standing standing = scoreboard.standing(Caller.require(), y, orgId, locale);
		Map<String, List<DrillView>> groups = new LinkedHashMap<>();
		for (Drill d : scoreboard.drill(standing, y)) {
			List<BehindLine> lines = d.behind().stream()
				.map(b -> new BehindLine(messages.getMessage(b.messageKey(), b.args().toArray(), b.messageKey(), locale), b.href(),
						b.ok()))
				.toList();
			groups.computeIfAbsent(d.indicator().group(), g -> new ArrayList<>()).add(new DrillView(d, lines));
		}
		model.addAttribute("year", y);
		model.addAttribute("standing", standing);
		model.addAttribute("groups", groups);
		return "assessment/score";
	}

	@GetMapping("/assessment/systems")
	String systemPage(@RequestParam(required = false) Integer year, Model model, Locale locale) {
		Caller caller = Caller.require();
		if (!Scoreboard.reads(caller)) {
			throw new NotPermittedException("assessment", "*", "read");
		}
		int y = AssessmentApi.yearOr(year);
		IndicatorSystems.checkYear(y);
		IndicatorSystem draft = IndicatorSystems.manages(caller) ? systems.draft(y).orElse(null) : null;
		if (draft != null && !model.containsAttribute("form")) {
			List<IndicatorRow> rows = new ArrayList<>(draft.indicators().stream()
				.map(i -> new IndicatorRow(i.group(), i.code(), i.name(), i.automatic(), i.max(), i.target(), i.penalty(),
						i.appliesTo(), i.description(), false))
				.toList());
			rows.add(new IndicatorRow(null, null, null, false, null, null, null, AppliesTo.BRANCH, null, false));
			model.addAttribute("form", new SystemForm(draft.scoresGeneralBranches(), rows));
		}
		model.addAttribute("year", y);
		model.addAttribute("draft", draft);
		model.addAttribute("published", systems.published(y).orElse(null));
		model.addAttribute("versions", systems.versions(y));
		model.addAttribute("manages", IndicatorSystems.manages(caller));
		model.addAttribute("figures", systems.figures().values().stream()
			.sorted(Comparator.comparing(Figures.Kind::code)).toList());
		model.addAttribute("appliesTo", AppliesTo.values());
		return "assessment/systems";
	}

	@PostMapping("/assessment/systems")
	String startDraft(@RequestParam int year, RedirectAttributes redirect) {
		systems.startDraft(Caller.require(), year);
		redirect.addFlashAttribute("notice", "assessment.notice.started");
		return "redirect:/assessment/systems?year=" + year;
	}

	@PostMapping("/assessment/systems/{id}")
	String edit(@PathVariable long id, @Valid @ModelAttribute("form") SystemForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		IndicatorSystem system = systems.get(id);
		List<IndicatorRow> rows = form.indicators();
		if (!binding.hasErrors()) {
			List<IndicatorForm> kept = new ArrayList<>();
			List<Integer> positions = new ArrayList<>();
			for (int i = 0; i < rows.size(); i++) {
				IndicatorRow r = rows.get(i);
				if (!r.remove() && !r.blank()) {
					// a new manual indicator is named by the committee; its code only has to be unique
					String code = !r.automatic() && (r.code() == null || r.code().isBlank()) ? "manual.custom" + (i + 1) : r.code();
					kept.add(new IndicatorForm(r.group(), code, r.name(), r.automatic(), r.max(), r.target(), r.penalty(),
							r.appliesTo(), r.description()));
					positions.add(i);
				}
			}
			try {
				systems.edit(Caller.require(), id, form.scoresGeneralBranches(), kept);
				redirect.addFlashAttribute("notice", "assessment.notice.saved");
				return "redirect:/assessment/systems?year=" + system.year();
			}
			catch (FieldProblem problem) {
				// the façade numbers the rows it kept, the form every row; a problem of the whole system stands above the form
				for (FieldProblem.Problem p : problem.problems()) {
					if (p.field().startsWith("indicators[")) {
						new FieldProblem(renumber(p.field(), positions), p.messageKey(), p.args()).rejectInto(binding);
					}
					else {
						binding.reject(p.messageKey(), p.args(), p.messageKey());
					}
				}
			}
		}
		return systemPage(system.year(), model, locale);
	}

	private static final Pattern ROW = Pattern.compile("^indicators\\[(\\d+)]");

	private static String renumber(String field, List<Integer> positions) {
		Matcher m = ROW.matcher(field);
		return m.find() ? "indicators[" + positions.get(Integer.parseInt(m.group(1))) + "]" + field.substring(m.end()) : field;
	}

	@PostMapping("/assessment/systems/{id}/publish")
	String publish(@PathVariable long id, RedirectAttributes redirect) {
		IndicatorSystem system = systems.get(id);
		systems.publish(Caller.require(), id);
		redirect.addFlashAttribute("notice", "assessment.notice.published");
		return "redirect:/assessment/systems?year=" + system.year();
	}
}

package cn.partybuilding.learning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;

/**
 * Courses on the web: for those who offer them (list, the form with its chapters, a course's progress with the
 * chart of where people stop, assignment, Excel), and for members on the phone (the courses open to them, a
 * course chapter by chapter, enrolment, the certificate).
 */
@Controller
class CoursePages {

	/** Chapter rows the form offers; the script shows them one by one, without it all are there. */
	static final int FORM_CHAPTERS = 12;

	private final Courses courses;

	private final MaterialLibrary library;

	private final OrganizationTree tree;

	CoursePages(Courses courses, MaterialLibrary library, OrganizationTree tree) {
		this.courses = courses;
		this.library = library;
		this.tree = tree;
	}

	/** A chapter row of the form: blank rows at the end are left out. */
	record ChapterForm(@Size(max = 100) String title, @Size(max = Courses.MAX_MATERIALS_PER_CHAPTER) List<Long> materialIds,
			Courses.RuleKind ruleKind, Integer ruleValue) {

		public boolean blank() {
			return (title == null || title.isBlank()) && (materialIds == null || materialIds.isEmpty());
		}

		public boolean has(long materialId) {
			return materialIds != null && materialIds.contains(materialId);
		}
	}

	record CourseForm(@Size(max = 200) String title, @Size(max = 2000) String summary, Long orgId,
			MaterialLibrary.Audience audience, @Size(max = 400) String tags,
			@Size(max = FORM_CHAPTERS) List<@Valid ChapterForm> chapters) {

		Courses.NewCourse course() {
			List<ChapterForm> rows = new ArrayList<>(chapters == null ? List.of() : chapters);
			while (!rows.isEmpty() && (rows.get(rows.size() - 1) == null || rows.get(rows.size() - 1).blank())) {
				rows.remove(rows.size() - 1);
			}
			List<String> tagList = tags == null ? List.of()
					: Arrays.stream(tags.split("[,\\uFF0C\\u3001\\s]+")).filter(t -> !t.isBlank()).toList();
			return new Courses.NewCourse(title, summary, orgId, audience, tagList, rows.stream()
				.map(c -> c == null ? null : new Courses.NewChapter(c.title(), c.materialIds(),
						new Courses.Rule(c.ruleKind(), c.ruleValue())))
				.collect(Collectors.toList()));
		}

		/** The form with as many chapter rows as it offers, those typed kept. */
		CourseForm padded() {
			List<ChapterForm> rows = new ArrayList<>(chapters == null ? List.of() : chapters);
			while (rows.size() < FORM_CHAPTERS) {
				rows.add(new ChapterForm(null, List.of(), Courses.RuleKind.READ_MINUTES, 10));
			}
			return new CourseForm(title, summary, orgId, audience, tags, rows);
		}
	}

	@GetMapping("/learning/courses")
	String list(@RequestParam(required = false) String tag, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("courses", courses.list(caller, true, tag));
		model.addAttribute("tag", tag);
		model.addAttribute("mayPublish", !caller.organizationsWith(Readers.MANAGERS).isEmpty());
		return "learning/courses";
	}

	@GetMapping("/learning/courses/new")
	String newCourse(Model model) {
		Caller caller = Caller.require();
		List<TreeNode.Option> orgs = organizations(caller, null).options();
		model.addAttribute("form", new CourseForm(null, null, orgs.isEmpty() ? null : orgs.get(0).id(),
				MaterialLibrary.Audience.SUBTREE, null, List.of()).padded());
		return form(caller, model);
	}

	private String form(Caller caller, Model model) {
		model.addAttribute("organizations", organizations(caller,
				model.getAttribute("form") instanceof CourseForm f ? f.orgId() : null));
		model.addAttribute("audiences", MaterialLibrary.Audience.values());
		model.addAttribute("ruleKinds", List.of(Courses.RuleKind.READ_MINUTES, Courses.RuleKind.WATCH_SHARE));
		model.addAttribute("materials", library.list(caller, null, null, null, 0, 100).getContent().stream()
			.filter(m -> !m.withdrawn() && m.kind().finishable()).toList());
		return "learning/course-new";
	}

	@PostMapping("/learning/courses/new")
	String publish(@Valid @ModelAttribute("form") CourseForm form, BindingResult binding,
			@RequestParam(name = "cover", required = false) MultipartFile cover, Model model) {
		Caller caller = Caller.require();
		if (!binding.hasErrors()) {
			try {
				return "redirect:/learning/courses/" + courses.publish(caller, form.course(), cover).id();
			}
			catch (FieldProblem problem) {
				// the API's chapters[i].rule(.value) are the form's chapters[i].ruleKind and ruleValue
				new FieldProblem(problem.problems().stream().map(p -> new FieldProblem.Problem(p.field()
					.replaceAll("\\.rule\\.value$", ".ruleValue").replaceAll("\\.rule$", ".ruleKind"), p.messageKey(), p.args()))
					.toList()).rejectInto(binding);
			}
		}
		return form(caller, model);
	}

	private OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, Readers.MANAGERS);
	}

	/** A course and how far its people got, below the organisation looked at; a page of people at a time. */
	@GetMapping("/learning/courses/{id}")
	String course(@PathVariable long id, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) String state, @RequestParam(defaultValue = "0") int page, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("course", courses.managed(caller, id));
		Courses.CourseProgress progress = courses.progress(caller, id, orgId, state, Math.max(page, 0), 50);
		model.addAttribute("progress", progress);
		model.addAttribute("orgId", orgId);
		model.addAttribute("state", state);
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pages", Math.max(1, (progress.matching() + 49) / 50));
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("pageLink", new LearningPages.PageLink(UriComponentsBuilder.fromPath("/learning/courses/" + id)
			.queryParamIfPresent("orgId", java.util.Optional.ofNullable(orgId))
			.queryParamIfPresent("state", java.util.Optional.ofNullable(state).filter(s -> !s.isBlank()))));
		if (!model.containsAttribute("assignment")) {
			model.addAttribute("assignment", new AssignForm(null, null));
		}
		return "learning/course";
	}

	@GetMapping("/learning/courses/{id}/progress.xlsx")
	ResponseEntity<byte[]> progressSheet(@PathVariable long id, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) String state) {
		return LearningSheets.courseProgress(courses.progress(Caller.require(), id, orgId, state, 0, 0));
	}

	record AssignForm(Long orgId, LocalDate dueOn) {
	}

	@PostMapping("/learning/courses/{id}/assignments")
	String assign(@PathVariable long id, @ModelAttribute("assignment") AssignForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		try {
			int enrolled = courses.assign(Caller.require(), id, form.orgId(), form.dueOn());
			redirect.addFlashAttribute("notice", "learning.course.assigned");
			redirect.addFlashAttribute("noticeArg", enrolled);
			return "redirect:/learning/courses/" + id;
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return course(id, null, null, 0, model);
		}
	}

	@PostMapping("/learning/courses/{id}/cover")
	String cover(@PathVariable long id, @RequestParam(name = "cover", required = false) MultipartFile cover,
			RedirectAttributes redirect) {
		try {
			courses.cover(Caller.require(), id, cover);
			redirect.addFlashAttribute("notice", "learning.course.coverSaved");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("coverProblem", problem.problems().get(0).messageKey());
		}
		return "redirect:/learning/courses/" + id;
	}

	@PostMapping("/learning/courses/{id}/withdraw")
	String withdraw(@PathVariable long id, RedirectAttributes redirect) {
		courses.withdraw(Caller.require(), id);
		redirect.addFlashAttribute("notice", "learning.course.withdrawn");
		return "redirect:/learning/courses";
	}

	/** 课程: the courses open to the member, theirs first. */
	@GetMapping("/study/courses")
	String studyCourses(@RequestParam(required = false) String tag, Model model) {
		List<Courses.CourseLine> open = courses.list(Caller.require(), false, tag);
		model.addAttribute("mine", open.stream().filter(c -> Boolean.TRUE.equals(c.enrolled())).toList());
		model.addAttribute("others", open.stream().filter(c -> !Boolean.TRUE.equals(c.enrolled())).toList());
		model.addAttribute("tag", tag);
		return "learning/study-courses";
	}

	@GetMapping("/study/courses/{id}")
	String studyCourse(@PathVariable long id, Model model) {
		model.addAttribute("course", courses.mine(Caller.require(), id));
		return "learning/study-course";
	}

	@PostMapping("/study/courses/{id}/enrolment")
	String enrol(@PathVariable long id) {
		courses.enrol(Caller.require(), id);
		return "redirect:/study/courses/" + id;
	}
}

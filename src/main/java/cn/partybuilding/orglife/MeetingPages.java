package cn.partybuilding.orglife;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.QrCode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Keyset;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * 组织生活 pages: the organiser plans and lists meetings, shows the check-in code on the screen in the
 * room, checks in by hand and decides leave; a member sees their meetings on the phone, asks for leave,
 * and checks in by scanning the code (which opens {@code /meetings/{id}/checkin?token=…}).
 */
@Controller
class MeetingPages {

	private final MeetingPlanner planner;

	private final MeetingRecords records;

	private final OrganizationTree tree;

	private final MessageSource messages;

	private final KeyDates keyDates;

	private final MeetingAttachments attachments;

	MeetingPages(MeetingPlanner planner, MeetingRecords records, OrganizationTree tree, MessageSource messages,
			KeyDates keyDates, MeetingAttachments attachments) {
		this.keyDates = keyDates;
		this.attachments = attachments;
		this.planner = planner;
		this.records = records;
		this.tree = tree;
		this.messages = messages;
	}

	/** The plan form as typed: times in the platform's zone; everyone, the committee, or the ticked people. */
	record PlanForm(Long orgId, MeetingType type, @Size(max = 100) String topic, LocalDateTime startAt, LocalDateTime endAt,
			@Size(max = 200) String place, @Size(max = 50) String lecturer, @Size(max = 20) String invitees, List<Long> memberIds) {

		static final PlanForm BLANK = new PlanForm(null, null, null, null, null, null, null, MeetingPlanner.Invitees.WHOLE,
				null);

		/** This form at another organisation (the blank one: the form started at the list's organisation). */
		PlanForm at(Long organizationId) {
			return new PlanForm(organizationId, type, topic, startAt, endAt, place, lecturer, invitees, memberIds);
		}

		MeetingPlanner.MeetingForm meeting() {
			return new MeetingPlanner.MeetingForm(orgId, type, topic, instant(startAt), instant(endAt), place, lecturer,
					choosesPeople() ? new MeetingPlanner.Invitees(null, List.copyOf(chosen()))
							: new MeetingPlanner.Invitees(invitees == null ? MeetingPlanner.Invitees.WHOLE : invitees, null));
		}

		/** The radio's third choice: the people ticked in the list (sent as {@code memberIds=…} repeated). */
		boolean choosesPeople() {
			return "CHOSEN".equals(invitees);
		}

		/** The ticked people, each once. */
		Set<Long> chosen() {
			return memberIds == null ? Set.of() : new LinkedHashSet<>(memberIds);
		}

		private static Instant instant(LocalDateTime time) {
			return time == null ? null : time.atZone(PlatformZone.ZONE).toInstant();
		}
	}

	/** The minutes form: write, sign off, or amend signed-off minutes (with a reason) — whichever was pressed. */
	record MinutesForm(String action, @Size(max = 20000) String text,
			@Size(max = 20000) String resolutions, @Size(max = 200) String reason) {

		/** What was pressed, as the notice names it: {@code save} unless signing off or amending. */
		String step() {
			return "sign-off".equals(action) || "amend".equals(action) ? action : "save";
		}
	}

	record LeaveForm(@Size(max = 200) String reason) {
	}

	/** Meetings listed on a page; the next ones are a link away (after the last one shown). */
	static final int PAGE_SIZE = 50;

	@GetMapping("/meetings")
	String list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) MeetingType type,
			@RequestParam(required = false) @Size(max = 40) String after, Model model, Locale locale,
			HttpServletRequest request) {
		Caller caller = Caller.require();
		MeetingPlanner.MeetingPage page = planner.list(caller, orgId, null, null, type, Keyset.parse(after), PAGE_SIZE);
		model.addAttribute("meetings", page.meetings());
		model.addAttribute("rows", new MeetingRows(messages, locale).html(page.meetings(), request.getContextPath()));
		model.addAttribute("total", page.total());
		model.addAttribute("next", page.next() == null ? null : page.next().token());
		model.addAttribute("after", after);
		model.addAttribute("organizations", tree.chooser(caller, orgId, MeetingPlanner.ORGANISE));
		model.addAttribute("types", MeetingType.values());
		model.addAttribute("orgId", orgId);
		model.addAttribute("type", type);
		return "orglife/list";
	}

	/**
	 * The plan form, on its own page: on the list it was a third of every list's time under {@code wrk} (seven bound
	 * fields and the invitees), for the few who plan. {@code orgId}: the organisation chosen first (the list's filter).
	 */
	@GetMapping("/meetings/new")
	String newMeeting(@RequestParam(required = false) Long orgId, Model model) {
		if (orgId != null) {
			planner.requireOrganiser(Caller.require(), orgId);
		}
		model.addAttribute("plan", PlanForm.BLANK.at(orgId));
		return planPage(model);
	}

	/** The plan form around the form in the model: a handler that bound it leaves it there with its BindingResult. */
	private String planPage(Model model) {
		// a member who plans nothing is told so, whether asking for the form or posting one
		Caller caller = Caller.require();
		if (!caller.has(MeetingPlanner.ORGANISE)) {
			throw new NotPermittedException("meeting", "*", "plan");
		}
		// at a province the way down to the organisation chosen (or the one the form came back with)
		Long planOrgId = sentOrganization(model);
		model.addAttribute("organizations", tree.chooser(caller, planOrgId, MeetingPlanner.ORGANISE));
		model.addAttribute("planOrgId", planOrgId);
		model.addAttribute("types", MeetingType.values());
		model.addAttribute("keyDates", keyDates.coming(60));
		return "orglife/plan";
	}

	/**
	 * The plan form's organisation as sent: the bound form's, or what its BindingResult kept when the form could not
	 * be made (an unreadable time leaves no form, only the values sent).
	 */
	private static Long sentOrganization(Model model) {
		if (model.getAttribute(BindingResult.MODEL_KEY_PREFIX + "plan") instanceof BindingResult binding) {
			Object sent = binding.getFieldValue("orgId");
			return sent instanceof Long id ? id : sent instanceof String s && s.matches("\\d{1,18}") ? Long.valueOf(s) : null;
		}
		return model.getAttribute("plan") instanceof PlanForm p ? p.orgId() : null;
	}

	/** Plans a meeting from the form; mistakes come back beside their fields with the input kept. */
	@PostMapping("/meetings")
	String plan(@Valid @ModelAttribute("plan") PlanForm form, BindingResult binding, Model model) {
		if (!binding.hasErrors()) {
			try {
				MeetingPlanner.MeetingView planned = planner.plan(Caller.require(), form.meeting());
				return "redirect:/meetings/" + planned.id();
			}
			catch (FieldProblem problem) {
				problem.rejectInto(binding);
			}
		}
		if (form.choosesPeople()) {
			model.addAttribute("people", people(form.orgId()));
			model.addAttribute("chosen", form.chosen());
		}
		return planPage(model);
	}

	/** The people the organiser may pick from, for the chosen organisation (loaded when it changes). */
	@GetMapping("/meetings/invitee-choices")
	String inviteeChoices(@RequestParam(required = false) Long orgId,
			@RequestParam(name = "memberIds", required = false) List<Long> chosen, Model model) {
		model.addAttribute("people", people(orgId));
		model.addAttribute("chosen", chosen == null ? Set.of() : new LinkedHashSet<>(chosen));
		return "orglife/plan :: choices";
	}

	private List<MemberRef> people(Long orgId) {
		return orgId == null ? List.of() : planner.membersFor(Caller.require(), orgId);
	}

	@GetMapping("/meetings/{id}")
	String detail(@PathVariable long id, Model model) {
		return detail(Caller.require(), id, model);
	}

	/** The meeting's page; a form a handler bound and refused stays in the model, filled and with its errors. */
	private String detail(Caller caller, long id, Model model) {
		MeetingPlanner.MeetingView meeting = planner.find(caller, id);
		model.addAttribute("meeting", meeting);
		boolean organiser = planner.organises(caller, id);
		model.addAttribute("organiser", organiser);
		if (organiser) {
			model.addAttribute("attendance", planner.attendance(caller, id));
			model.addAttribute("guests", planner.guestAttendance(caller, id));
		}
		Optional<MeetingRecords.MinutesView> minutes = records.find(caller, id);
		model.addAttribute("minutes", minutes.orElse(null));
		if (!model.containsAttribute("minutesForm")) {
			model.addAttribute("minutesForm", minutes
				.map(m -> new MinutesForm(null, m.text(), m.resolutions(), null))
				.orElse(new MinutesForm(null, null, null, null)));
		}
		if (!model.containsAttribute("leaveForm")) {
			model.addAttribute("leaveForm", new LeaveForm(null));
		}
		model.addAttribute("attachments", attachments.list(caller, id));
		model.addAttribute("maxBytes", attachments.maxBytes());
		model.addAttribute("over", Instant.now().isAfter(meeting.endAt()));
		return "orglife/detail";
	}

	/** Writes the minutes, signs them off, or amends signed-off minutes — whichever the form asks. */
	@PostMapping("/meetings/{id}/minutes")
	String minutes(@PathVariable long id, @Valid @ModelAttribute("minutesForm") MinutesForm form, BindingResult binding,
			Model model, RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		if (binding.hasErrors()) {
			return detail(caller, id, model);
		}
		try {
			switch (form.step()) {
				case "sign-off" -> {
					records.write(caller, id, form.text(), form.resolutions());
					records.signOff(caller, id);
				}
				case "amend" -> records.amend(caller, id, form.text(), form.resolutions(), form.reason());
				default -> records.write(caller, id, form.text(), form.resolutions());
			}
			redirect.addFlashAttribute("notice", messages.getMessage("orglife.minutes.saved." + form.step(), null, locale));
			return "redirect:/meetings/" + id;
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return detail(caller, id, model);
		}
	}

	/** Photos of the meeting, the signed attendance sheet, slides: kept with the minutes. */
	@PostMapping("/meetings/{id}/attachments")
	String attach(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
			RedirectAttributes redirect, Locale locale) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new FieldProblem("file", "member.import.empty");
			}
			MeetingAttachments.Attachment added = attachments.add(Caller.require(), id, file.getOriginalFilename(), file.getBytes());
			redirect.addFlashAttribute("notice", messages.getMessage("orglife.attachment.added", new Object[] { added.fileName() }, locale));
		}
		catch (FieldProblem problem) {
			// a file input cannot be refilled: the page says what was wrong with the file that was sent
			redirect.addFlashAttribute("attachmentError", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/meetings/" + id + "#attachments";
	}

	@PostMapping("/meetings/{id}/manual/{memberId}")
	String byHand(@PathVariable long id, @PathVariable long memberId) {
		planner.checkInByHand(Caller.require(), id, memberId);
		return "redirect:/meetings/" + id;
	}

	@PostMapping("/meetings/{id}/guests/manual/{personId}")
	String guestByHand(@PathVariable long id, @PathVariable long personId) {
		planner.checkInGuestByHand(Caller.require(), id, personId);
		return "redirect:/meetings/" + id;
	}

	@PostMapping("/meetings/{id}/leave/{memberId}")
	String decideLeave(@PathVariable long id, @PathVariable long memberId, @RequestParam boolean approve) {
		planner.decideLeave(Caller.require(), id, memberId, approve);
		return "redirect:/meetings/" + id;
	}

	/** An invitee asks for leave; a missing or overlong reason comes back beside the field. */
	@PostMapping("/meetings/{id}/leave")
	String askForLeave(@PathVariable long id, @Valid @ModelAttribute("leaveForm") LeaveForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		if (binding.hasErrors()) {
			return detail(caller, id, model);
		}
		try {
			planner.askForLeave(caller, id, form.reason());
			redirect.addFlashAttribute("notice", messages.getMessage("orglife.leave.asked", null, locale));
			return "redirect:/me/meetings";
		}
		catch (FieldProblem problem) {
			problem.rejectInto(binding);
			return detail(caller, id, model);
		}
	}

	/** The screen in the room: the code, refreshed by the page itself before it runs out. */
	@GetMapping("/meetings/{id}/screen")
	String screen(@PathVariable long id, Model model) {
		model.addAttribute("meeting", planner.find(Caller.require(), id));
		showCode(id, model);
		return "orglife/screen";
	}

	@GetMapping("/meetings/{id}/screen/code")
	String code(@PathVariable long id, Model model) {
		showCode(id, model);
		return "orglife/screen :: code";
	}

	private void showCode(long id, Model model) {
		CheckinTokens.Token token = planner.token(Caller.require(), id);
		String link = ServletUriComponentsBuilder.fromCurrentContextPath().path("/meetings/{id}/checkin")
			.queryParam("token", token.token()).buildAndExpand(id).toUriString();
		model.addAttribute("meetingId", id);
		model.addAttribute("qr", QrCode.dataUri(link));
		model.addAttribute("link", link);
		model.addAttribute("expiresAt", token.expiresAt());
	}

	/** Where the scanned code leads: the signed-in member is checked in, or told why not. */
	@GetMapping("/meetings/{id}/checkin")
	String checkIn(@PathVariable long id, @RequestParam(required = false) String token, Model model, Locale locale,
			HttpServletRequest request) {
		try {
			Instant scanned = CheckinScans.scannedAt(request.getSession(false), id, token).orElse(null);
			MeetingPlanner.CheckedIn done = planner.checkIn(Caller.require(), id, token, scanned);
			model.addAttribute("done", done);
			model.addAttribute("meeting", planner.find(Caller.require(), id));
		}
		catch (FieldProblem problem) {
			model.addAttribute("refusal", problem.messages(messages, locale).values().iterator().next());
		}
		return "orglife/checkin";
	}

	/** 我的会议: the member's coming meetings, on the phone. */
	@GetMapping("/me/meetings")
	String mine(Model model) {
		model.addAttribute("meetings", planner.mine(Caller.require(), Instant.now()));
		return "orglife/mine";
	}
}

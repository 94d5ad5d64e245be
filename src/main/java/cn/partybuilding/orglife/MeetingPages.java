package cn.partybuilding.orglife;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.partybuilding.member.MemberRef;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
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

	@GetMapping("/meetings")
	String list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) MeetingType type, Model model) {
		return page(model, orgId, type, Map.of(), Map.of());
	}

	private String page(Model model, Long orgId, MeetingType type, Map<String, String> form, Map<String, String> errors) {
		Caller caller = Caller.require();
		model.addAttribute("meetings", planner.list(caller, orgId, null, null, type));
		model.addAttribute("organizations", TreeNode.flattenWithPaths(tree.visibleTree(caller, MeetingPlanner.ORGANISE)));
		model.addAttribute("types", MeetingType.values());
		model.addAttribute("orgId", orgId);
		model.addAttribute("type", type);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("keyDates", keyDates.coming(60));
		if ("CHOSEN".equals(form.get("invitees"))) {
			model.addAttribute("people", people(number(form.get("orgId"))));
		}
		return "orglife/list";
	}

	/** Plans a meeting from the form; mistakes come back beside their fields with the input kept. */
	@PostMapping("/meetings")
	String plan(@RequestParam Map<String, String> params,
			@RequestParam(name = "memberIds", required = false) List<String> memberIds, Model model, Locale locale) {
		Map<String, String> errors = new HashMap<>();
		Instant start = time(params.get("startAt"), "startAt", errors, locale);
		Instant end = time(params.get("endAt"), "endAt", errors, locale);
		try {
			if (!errors.isEmpty()) {
				throw new FieldProblem(List.of());
			}
			MeetingPlanner.MeetingView planned = planner.plan(Caller.require(), new MeetingPlanner.MeetingForm(
					number(params.get("orgId")), type(params.get("type")),
					params.get("topic"), start, end, params.get("place"), params.get("lecturer"),
					invitees(params.get("invitees"), memberIds)));
			return "redirect:/meetings/" + planned.id();
		}
		catch (FieldProblem problem) {
			errors.putAll(problem.messages(messages, locale));
			Map<String, String> kept = new HashMap<>(params);
			kept.remove("_csrf");
			model.addAttribute("showForm", true);
			model.addAttribute("chosen", ids(memberIds));
			return page(model, null, null, kept, errors);
		}
	}

	/** The form's choice: everyone, the committee, or the ticked people (sent as {@code memberId=…} repeated). */
	private static MeetingPlanner.Invitees invitees(String choice, List<String> memberIds) {
		if ("CHOSEN".equals(choice)) {
			return new MeetingPlanner.Invitees(null, List.copyOf(ids(memberIds)));
		}
		return new MeetingPlanner.Invitees(choice == null ? MeetingPlanner.Invitees.WHOLE : choice, null);
	}

	private static Set<Long> ids(List<String> texts) {
		return texts == null ? Set.of()
				: texts.stream().map(MeetingPages::number).filter(Objects::nonNull)
					.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** The people the organiser may pick from, for the chosen organisation (loaded when it changes). */
	@GetMapping("/meetings/invitee-choices")
	String inviteeChoices(@RequestParam(required = false) String orgId,
			@RequestParam(name = "memberIds", required = false) List<String> chosen, Model model) {
		model.addAttribute("people", people(number(orgId)));
		model.addAttribute("chosen", ids(chosen));
		return "orglife/list :: choices";
	}

	private List<MemberRef> people(Long orgId) {
		return orgId == null ? List.of() : planner.membersFor(Caller.require(), orgId);
	}

	/** A tampered or empty select answers "choose one", never a server error. */
	private static Long number(String text) {
		try {
			return text == null || text.isBlank() ? null : Long.valueOf(text.trim());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static MeetingType type(String text) {
		try {
			return text == null || text.isBlank() ? null : MeetingType.valueOf(text.trim());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private Instant time(String text, String field, Map<String, String> errors, Locale locale) {
		try {
			return text == null || text.isBlank() ? null : LocalDateTime.parse(text).atZone(PlatformZone.ZONE).toInstant();
		}
		catch (DateTimeParseException e) {
			errors.put(field, messages.getMessage("orglife.time.format", null, locale));
			return null;
		}
	}

	@GetMapping("/meetings/{id}")
	String detail(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		MeetingPlanner.MeetingView meeting = planner.find(caller, id);
		model.addAttribute("meeting", meeting);
		boolean organiser = planner.organises(caller, id);
		model.addAttribute("organiser", organiser);
		if (organiser) {
			model.addAttribute("attendance", planner.attendance(caller, id));
		}
		model.addAttribute("minutes", records.find(caller, id).orElse(null));
		model.addAttribute("attachments", attachments.list(caller, id));
		model.addAttribute("maxBytes", attachments.maxBytes());
		model.addAttribute("over", Instant.now().isAfter(meeting.endAt()));
		return "orglife/detail";
	}

	/** Writes the minutes, signs them off, or amends signed-off minutes — whichever the form asks. */
	@PostMapping("/meetings/{id}/minutes")
	String minutes(@PathVariable long id, @RequestParam String action, @RequestParam(required = false) String text,
			@RequestParam(required = false) String resolutions, @RequestParam(required = false) String reason,
			RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		try {
			switch (action) {
				case "sign-off" -> {
					records.write(caller, id, text, resolutions);
					records.signOff(caller, id);
				}
				case "amend" -> records.amend(caller, id, text, resolutions, reason);
				default -> records.write(caller, id, text, resolutions);
			}
			redirect.addFlashAttribute("notice", messages.getMessage("orglife.minutes.saved." + action, null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("minutesError", problem.messages(messages, locale).values().iterator().next());
			redirect.addFlashAttribute("minutesText", text);
			redirect.addFlashAttribute("minutesResolutions", resolutions);
		}
		return "redirect:/meetings/" + id;
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
			redirect.addFlashAttribute("attachmentError", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/meetings/" + id + "#attachments";
	}

	@PostMapping("/meetings/{id}/manual/{memberId}")
	String byHand(@PathVariable long id, @PathVariable long memberId) {
		planner.checkInByHand(Caller.require(), id, memberId);
		return "redirect:/meetings/" + id;
	}

	@PostMapping("/meetings/{id}/leave/{memberId}")
	String decideLeave(@PathVariable long id, @PathVariable long memberId, @RequestParam boolean approve) {
		planner.decideLeave(Caller.require(), id, memberId, approve);
		return "redirect:/meetings/" + id;
	}

	@PostMapping("/meetings/{id}/leave")
	String askForLeave(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect,
			Locale locale) {
		try {
			planner.askForLeave(Caller.require(), id, reason);
			redirect.addFlashAttribute("notice", messages.getMessage("orglife.leave.asked", null, locale));
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("error", problem.messages(messages, locale).values().iterator().next());
		}
		return "redirect:/me/meetings";
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
		model.addAttribute("qr", CheckinCode.dataUri(link));
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

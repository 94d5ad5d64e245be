package cn.partybuilding.orglife;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Size;

/**
 * A meeting already held offline, as its paper records tell it: where, when, what, the sign-in sheet
 * ({@code attendance}: everyone invited, one line each) and the minutes. With {@code minutes}, they are
 * signed off as of {@code minutesSignedOffAt} (the date on the paper; now when null); without, the minutes
 * are still to be written on the meeting's page.
 */
public record HeldMeeting(long orgId, MeetingType type, @Size(max = 100) String topic, Instant startAt, Instant endAt,
		@Size(max = 200) String place, @Size(max = 50) String lecturer, List<Attendee> attendance, String minutes,
		String resolutions, Instant minutesSignedOffAt) {
}

package cn.partybuilding.exam;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings {@code party.exam.*}.
 *
 * @param shuffle whether a new exam shuffles question order and options per person unless it says otherwise
 * @param graceSeconds how long after the deadline an answer already on its way is still taken (a phone on a slow
 * network); the server submits an attempt only after it
 * @param expirySweepMillis how often the server looks for attempts past their deadline to submit them
 * @param passShare the pass mark an exam gets when it names none, as a share of its total
 * @param maxQuestions the most questions one paper may hold
 * @param importMaxRows the most rows one question import may hold
 */
@ConfigurationProperties("party.exam")
record ExamSettings(@DefaultValue("true") boolean shuffle, @DefaultValue("3") int graceSeconds,
		@DefaultValue("10000") long expirySweepMillis, @DefaultValue("0.6") double passShare,
		@DefaultValue("200") int maxQuestions, @DefaultValue("2000") int importMaxRows) {

	static ExamSettings defaults() {
		return new ExamSettings(true, 3, 10000, 0.6, 200, 2000);
	}
}

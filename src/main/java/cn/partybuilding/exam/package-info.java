/**
 * 线上测试: the question bank shared down the organisation tree, exams with fixed papers or papers drawn per person
 * by rules, attempts timed by the server, grading at once (short answers by hand), and statistics per branch.
 */
@ApplicationModule(displayName = "线上测试")
package cn.partybuilding.exam;

import org.springframework.modulith.ApplicationModule;

/**
 * Grading a class: each student's copies of the kit's notebooks, executed headless ({@code ./kit grade}), read back
 * as one {@link esp32ota.grade.Grade} per student and exercise ({@link esp32ota.grade.Grader}), collected in a
 * {@link esp32ota.grade.Gradebook} (CSV, tablesaw tables; {@code esp32ota.view.GradeCharts} draws it). The
 * exercises are the cells tagged {@code exercise:ID} (notebooks/EXERCISES.md).
 */
package esp32ota.grade;

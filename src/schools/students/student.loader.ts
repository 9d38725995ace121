import { DataSource } from 'typeorm';
import { PortalRequest } from '../../core/auth/request-context';
import { requestLoader } from '../../core/graphql/request-loader';
import { STUDENT_COLUMNS, studentFromRow, StudentModel, StudentRow } from './student.model';

/**
 * Batches the student identity behind a page of flags or notices into one query. Only
 * called with ids taken from records the caller was already allowed to load.
 */
export function studentLoader(req: PortalRequest, ds: DataSource) {
  return requestLoader<StudentModel>(req, 'schools.studentById', async (ids) => {
    const rows: StudentRow[] = await ds.query(
      `SELECT ${STUDENT_COLUMNS} FROM young_person yp WHERE yp.id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, studentFromRow(r)]));
  });
}

import { departmentName } from './names.js';

/** The `<option>`s of a department picker: "none" (in the caller's words) first, then each department by name. */
export function DepartmentOptions({ departments, none }: { departments: readonly string[]; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {departments.map((d) => (
        <option key={d} value={d}>
          {departmentName(d)}
        </option>
      ))}
    </>
  );
}

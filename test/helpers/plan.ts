// A row of `plan --json` as scripts read it (the contract the plan tests hold the outputs against).
export interface PlanJsonRow {
  district: string | null;
  p: number;
  p_source: string;
  p_target: number | null;
  deff: number;
  deff_source: string;
  n_last: number;
  completes: number | null;
  completes_exact: number | null;
  invitations: number | null;
  population: number | null;
  exceeds_population: boolean;
}

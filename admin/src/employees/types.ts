export interface Employee {
  id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  company: { id: number; name: string; level: string };
  is_active: boolean;
  invitation: { status: "pending" | "accepted" | "expired"; expires_at: string } | null;
}

// Told once after sign-in, until read: a functioneel beheerder reset this user's second factor.
import { useAuth } from '../../lib/auth.tsx';
import { Alert, Button } from '../../components/ui.tsx';

export function AccountNotice() {
  const { notice, dismissNotice } = useAuth();
  if (notice !== 'second_factor_reset') return null;
  return (
    <Alert type="warning" title="Je tweede factor is gereset">
      <p className="utrecht-paragraph">
        Een functioneel beheerder heeft je tweede factor gereset. Stel in Mijn account opnieuw een tweede factor in als je die nog niet hebt. Heb jij hier niet
        om gevraagd? Meld het dan bij je beheerder.
      </p>
      <Button onClick={dismissNotice}>Gelezen</Button>
    </Alert>
  );
}

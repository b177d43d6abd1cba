import { Heading } from '../components/ui.tsx';
import { Link } from '../lib/router.tsx';

export function NotFoundPage() {
  return (
    <section>
      <Heading level={1}>Pagina niet gevonden</Heading>
      <p className="utrecht-paragraph">
        Deze pagina bestaat niet, of je hebt er geen toegang toe.{' '}
        <Link href="/" className="utrecht-link">
          Terug naar Mijn casussen
        </Link>
      </p>
    </section>
  );
}

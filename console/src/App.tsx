// The console's frame: sign-in first (auth.tsx), then the metadata every page shares
// (metadata.tsx) and the pages, routed under /console (the engine answers index.html for any
// /console path without a file extension, so these URLs can be reloaded and shared).
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';

import { AuthGate, useAuth } from './auth';
import { ErrorBoundary } from './ErrorBoundary';
import { MetadataProvider } from './metadata';
import { DataHome } from './pages/data/DataHome';
import { SourcePage } from './pages/data/SourcePage';
import { TablePage } from './pages/data/TablePage';
import { MetadataPage } from './pages/MetadataPage';
import { RemoteSchemaPage, RemoteSchemasPage } from './pages/RemoteSchemasPage';

// GraphiQL and its editors are most of the bundle: loaded when the explorer is first opened.
const ExplorerPage = lazy(() => import('./pages/ExplorerPage'));

function Header() {
  const { usesSecret, signOut } = useAuth();
  return (
    <header className="top">
      <span className="brand">Junction</span>
      <nav aria-label="Main">
        <NavLink to="/api">API</NavLink>
        <NavLink to="/data">Data</NavLink>
        <NavLink to="/remote-schemas">Remote Schemas</NavLink>
        <NavLink to="/metadata">Metadata</NavLink>
      </nav>
      {usesSecret ? (
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      ) : null}
    </header>
  );
}

// The page of the current URL. A page that failed is replaced by the boundary's message until the
// user goes to another path.
function Pages() {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<p className="page-note">Loading…</p>}>
        <Routes>
          <Route path="/" element={<Navigate to="/api" replace />} />
          {/* The engine serves the app's own file by its name too: a bookmark of it lands here. */}
          <Route path="/index.html" element={<Navigate to="/api" replace />} />
          <Route path="/api" element={<ExplorerPage />} />
          <Route path="/data" element={<DataHome />} />
          <Route path="/data/:source" element={<SourcePage />} />
          <Route path="/data/:source/schema/:schema/tables/:table/:tab?" element={<TablePage />} />
          <Route path="/remote-schemas" element={<RemoteSchemasPage />} />
          <Route path="/remote-schemas/:name/:tab?" element={<RemoteSchemaPage />} />
          <Route path="/metadata" element={<MetadataPage />} />
          <Route path="*" element={<p className="page-note">No such page.</p>} />
        </Routes>
      </Suspense>
    </ErrorBoundary>
  );
}

export function App() {
  return (
    <BrowserRouter basename="/console">
      <AuthGate>
        <MetadataProvider>
          <Header />
          <main className="page">
            <Pages />
          </main>
        </MetadataProvider>
      </AuthGate>
    </BrowserRouter>
  );
}

import express from 'express';
import { attrmockMiddleware } from 'attrmock/express';

/**
 * The app's own routes and body parser, with attrmock mounted at /mocks: point the vendor SDKs at
 * `${origin}/mocks/snag`, `${origin}/mocks/looker`, `${origin}/mocks/lightdash` during development.
 */
export function createApp() {
  const app = express();
  app.use(express.json());
  const mocks = attrmockMiddleware({ logLevel: 'silent' });
  app.use('/mocks', mocks);
  app.get('/api/profile-badge', async (req, res, next) => {
    try {
      // The app's own code calling "Snag" through the mock, as it would call admin.snagsolutions.io.
      const origin = `${req.protocol}://${req.headers.host}`;
      const answer = await fetch(`${origin}/mocks/snag/api/website_user_attributes/values?userIds=${req.query.userId}`, {
        headers: { 'x-api-key': process.env.SNAG_API_KEY ?? 'snag-dev-key' },
      });
      const { data } = await answer.json();
      res.json({ badges: data.map((value) => value.value) });
    } catch (error) {
      next(error);
    }
  });
  return { app, mocks };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().app.listen(port, () => console.log(`app on http://localhost:${port}, Snag mock at http://localhost:${port}/mocks/snag`));
}

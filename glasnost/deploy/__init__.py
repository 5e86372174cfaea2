"""`glasnost deploy`: publish the built site to S3, SFTP, FTP or a folder, sending only changes.

plan.py decides what to send and in what order, headers.py what each file is served
with, target.py how a `deploy:` entry becomes an rclone remote, rclone.py runs rclone.
"""

from glasnost.deploy.command import Request, deploy

__all__ = ["Request", "deploy"]
